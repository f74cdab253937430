import type { Context } from 'hono'
import { getProgramme, type Programme } from '../db/programmes.ts'
import type { AppEnv } from '../env.ts'
import { ApiError } from './errors.ts'
import { assertCanRead } from './principal.ts'

/** The programme named in the path, or 404; then checks that the caller may read it. */
export async function programmeFor(c: Context<AppEnv>, pid: string): Promise<Programme> {
  const programme = await getProgramme(c.env.DB, pid)
  if (!programme) throw new ApiError(404, `No programme ${pid}`)
  assertCanRead(c.get('principal'), programme.id)
  return programme
}
