// The surveys a programme uses, read from D1: the map is checked against the published versions, and each
// invitation gets the version the map gives at the time it is issued (domain/survey-map.ts).
import {
  findPublishedVersion,
  latestPublishedVersion,
  type PublishedVersion,
  publishedVersionsOf,
} from '../db/survey-versions.ts'
import type { FieldIssue } from '../domain/issues.ts'
import { parseSurveyRef, surveyMapEntries, surveyRefFor } from '../domain/survey-map.ts'
import { invalid } from '../http/errors.ts'
import type { CustomerType } from '../schemas/common.ts'
import type { SurveyMap } from '../schemas/programmes.ts'
import type { JsonObject } from '../surveys/scored-items.ts'

/** The version a reference names: the pinned one, or the latest published now. */
function publishedVersionOf(db: D1Database, ref: string): Promise<PublishedVersion | null> {
  const { surveyId, version } = parseSurveyRef(ref)
  return version === null ? latestPublishedVersion(db, surveyId) : findPublishedVersion(db, surveyId, version)
}

/**
 * Built-in templates, the programme's own surveys and those of an unbound procurer (no owner programme): what a
 * programme's survey map and follow-up survey may name. `programmeId` is null for a programme being created.
 */
export const mayUse = (v: PublishedVersion, programmeId: string | null) =>
  v.builtin || v.ownerProgrammeId === null || v.ownerProgrammeId === programmeId

/**
 * 422 naming each path of the map whose survey is not published (in the pinned version, if pinned), is for
 * the other customer type, or belongs to another programme (reported like a missing one: it is not shown).
 * `programmeId` is null for a programme being created.
 */
export async function assertSurveyMap(db: D1Database, map: SurveyMap, programmeId: string | null): Promise<void> {
  const entries = surveyMapEntries(map)
  const found = await Promise.all(entries.map((e) => publishedVersionOf(db, e.ref)))
  const issues: FieldIssue[] = entries.flatMap(({ path, customerType, ref }, i): FieldIssue[] => {
    const v = found[i]
    if (!v || !mayUse(v, programmeId)) {
      const { surveyId, version } = parseSurveyRef(ref)
      const what =
        version === null ? `a published survey "${surveyId}"` : `version ${version} of a survey "${surveyId}"`
      return [{ path, message: `there is no ${what} this programme may use (see GET /api/v1/surveys)` }]
    }
    if (v.customerType !== customerType) {
      return [{ path, message: `"${v.surveyId}" is a survey for ${v.customerType} clients, not ${customerType}` }]
    }
    return []
  })
  if (issues.length > 0) throw invalid(issues)
}

/** Every item the map's surveys score, in any of their published versions. */
export async function programmeScoredItems(db: D1Database, map: SurveyMap): Promise<string[]> {
  const ids = [...new Set(surveyMapEntries(map).map((e) => parseSurveyRef(e.ref).surveyId))]
  const versions = (await Promise.all(ids.map((id) => publishedVersionsOf(db, id)))).flat()
  const { scoredItems } = await import('../surveys/scored-items.ts') // survey-core: loaded on first use
  return [...new Set(versions.flatMap((v) => scoredItems(v.definition).map((i) => i.name)))].sort()
}

/** A version about to be published: what the survey's unpinned references will issue once it is. */
export type PendingVersion = { surveyId: string; definition: JsonObject }

/**
 * Every item the versions the map issues now score (a pinned version, or the latest; with `pending`, that
 * survey's next version as its latest): what invitations issued from now on can answer.
 */
export async function issuedScoredItems(
  db: D1Database,
  map: SurveyMap,
  pending: PendingVersion | null = null,
): Promise<string[]> {
  const refs = [...new Set(surveyMapEntries(map).map((e) => e.ref))]
  const definitions = await Promise.all(
    refs.map((ref) =>
      ref === pending?.surveyId ? pending.definition : publishedVersionOf(db, ref).then((v) => v?.definition),
    ),
  )
  const { scoredItems } = await import('../surveys/scored-items.ts')
  return [...new Set(definitions.flatMap((d) => (d ? scoredItems(d).map((i) => i.name) : [])))].sort()
}

export type IssuedSurvey = { surveyId: string; version: number }

/**
 * The survey version of each invitation issued now, by the client's customer type and service type. One
 * read per survey the map names, however many episodes: the references are looked up once per call.
 */
export function surveyIssuer(
  db: D1Database,
  map: SurveyMap,
): (customerType: CustomerType, serviceType: string | null) => Promise<IssuedSurvey> {
  const looked = new Map<string, Promise<IssuedSurvey>>()
  return (customerType, serviceType) => {
    const ref = surveyRefFor(map, customerType, serviceType)
    let found = looked.get(ref)
    if (!found) {
      found = publishedVersionOf(db, ref).then((v) => {
        // The map was checked when it was set, and published versions are never deleted.
        if (!v) throw new Error(`survey ${ref} of the programme's map is not published`)
        return { surveyId: v.surveyId, version: v.version }
      })
      looked.set(ref, found)
    }
    return found
  }
}
