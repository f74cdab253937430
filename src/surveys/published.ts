// The compiled survey of any published version, built-in or authored: read from D1 once per isolate
// (a version never changes once published), then served from memory.
import { findPublishedVersion } from '../db/survey-versions.ts'
import { cachedRuntime, compilePublished, type SurveyRuntime } from './runtime.ts'

export async function publishedRuntime(
  db: D1Database,
  id: string,
  version: number,
): Promise<SurveyRuntime | undefined> {
  const cached = cachedRuntime(id, version)
  if (cached) return cached
  const found = await findPublishedVersion(db, id, version)
  return found ? compilePublished(id, version, found.definition) : undefined
}
