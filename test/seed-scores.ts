// Seeding for score tests: a programme with providers and keys through the API, episodes, invitations
// and answers written straight to D1 (so a test can set any index and completion time).
import { env } from 'cloudflare:workers'
import { ADMIN, call, unique } from './helpers.ts'

type Db = D1Database
export const db = (): Db => (env as unknown as { DB: Db }).DB

/**
 * A programme with providers and their keys, through the API; episodes and answers are written directly.
 * The prior weight is fixed at 5 unless `weight` says otherwise (empty: estimated from the data).
 */
export async function programmeWith(
  providers: number,
  minGroup: number,
  minResponses = minGroup,
  weight: { priorWeight?: number } = { priorWeight: 5 },
) {
  const programme = (
    await call('POST', '/api/v1/programmes', {
      key: ADMIN,
      json: {
        name: unique('Privacy'),
        region: 'Pirkanmaa',
        surveys: { company: 'cx-company', jobseeker: 'cx-jobseeker' },
        publication: { minResponses, cautionBelow: minResponses, minGroup, ...weight },
      },
    })
  ).data
  const ids: string[] = []
  const keys: string[] = []
  for (let k = 0; k < providers; k++) {
    const p = (
      await call('POST', `/api/v1/programmes/${programme.id}/providers`, {
        key: ADMIN,
        json: { name: `${unique('P')}-${k}` },
      })
    ).data
    ids.push(p.id)
    keys.push(
      (await call('POST', '/api/v1/keys', { key: ADMIN, json: { role: 'provider', providerId: p.id } })).data.key,
    )
  }
  const procurer = (
    await call('POST', '/api/v1/keys', { key: ADMIN, json: { role: 'procurer', programmeId: programme.id } })
  ).data.key
  return { pid: programme.id as string, ids, keys, procurer }
}

export type Client = {
  id: string
  provider: string
  customerType: 'company' | 'jobseeker'
  endedOn: string
  /** The survey version the invitation (and its response) uses. */
  survey: SurveyVersion
}
/** A survey version by id and number; addClient defaults to version 1 of the customer type's built-in survey. */
export type SurveyVersion = { id: string; version: number }
let seq = 0
const pad = (n: number, w = 6) => String(n).padStart(w, '0')

/** One episode and its open invitation. */
export async function addClient(
  pid: string,
  provider: string,
  customerType: Client['customerType'],
  endedOn: string,
  survey: SurveyVersion = { id: customerType === 'company' ? 'cx-company' : 'cx-jobseeker', version: 1 },
) {
  const id = `prv-${pad(++seq)}-${Math.random().toString(36).slice(2, 8)}`
  await db().batch([
    db()
      .prepare(
        `INSERT INTO episodes (id, programme_id, provider_id, customer_type, external_ref, started_on, ended_on, language, created_at)
         VALUES (?1, ?2, ?3, ?4, ?1, ?5, ?5, 'fi', '2026-01-01T00:00:00.000Z')`,
      )
      .bind(`epi_${id}`, pid, provider, customerType, endedOn),
    db()
      .prepare(
        `INSERT INTO invitations (id, episode_id, token_hash, survey_id, survey_version, language, issued_at, expires_at)
         VALUES (?1, ?2, ?1, ?3, ?4, 'fi', '2026-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z')`,
      )
      .bind(`inv_${id}`, `epi_${id}`, survey.id, survey.version),
  ])
  return { id: `inv_${id}`, provider, customerType, endedOn, survey } satisfies Client
}

/** Completes a client's survey at the given instant with the given index (null: too few items answered). */
export async function complete(c: Client, at: string, index: number | null, topBox: boolean, comment?: string) {
  await db().batch([
    db()
      .prepare(
        `INSERT INTO responses (invitation_id, survey_id, survey_version, language, answers, completed, scored_total,
           scored_answered, quality_index, all_top, top_box, straight_line, created_at, updated_at, completed_at)
         VALUES (?1, ?2, ?7, 'fi', ?3, 1, 5, 5, ?4, ?5, ?5, 0, ?6, ?6, ?6)`,
      )
      .bind(
        c.id,
        c.survey.id,
        JSON.stringify(comment ? { comment } : {}),
        index,
        topBox && index !== null ? 1 : 0,
        at,
        c.survey.version,
      ),
    db()
      .prepare(
        `UPDATE invitations SET status = 'completed', completed_at = ?2, opened_at = ?2, started_at = ?2 WHERE id = ?1`,
      )
      .bind(c.id, at),
  ])
}

export async function decline(c: Client, at: string) {
  await db()
    .prepare(`UPDATE invitations SET status = 'declined', declined_at = ?2, opened_at = ?2 WHERE id = ?1`)
    .bind(c.id, at)
    .run()
}

/**
 * A survey with published versions written straight to D1: `comparableTo[k]` is version k + 1's
 * comparable_to (null: it starts a series). The definitions are empty: score tests write indices directly.
 */
export async function surveyWithVersions(comparableTo: Array<number | null>): Promise<string> {
  const id = `series-${pad(++seq)}-${Math.random().toString(36).slice(2, 8)}`
  const series: number[] = []
  for (const [k, to] of comparableTo.entries()) series.push(to === null ? k + 1 : series[to - 1])
  await db().batch([
    db()
      .prepare(
        `INSERT INTO surveys (id, title, customer_type, created_at) VALUES (?1, 'Series test', 'company', '2026-01-01T00:00:00.000Z')`,
      )
      .bind(id),
    ...comparableTo.map((to, k) =>
      db()
        .prepare(
          `INSERT INTO survey_versions (survey_id, version, definition, comparable_to, series, published_at)
           VALUES (?1, ?2, '{}', ?3, ?4, '2026-01-01T00:00:00.000Z')`,
        )
        .bind(id, k + 1, to, series[k]),
    ),
  ])
  return id
}
