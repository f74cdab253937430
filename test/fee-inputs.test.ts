// clientsOf reads a fee run's clients with staged, key-ordered joins (issue 16); these random programmes check
// that it reads exactly what the plain join it replaced read: the same clients, fields and order, and that the
// survey versions it collects on the way are the set the run's own query over the period listed before; and that
// the provider figures read through the covering invitation index are the same, float sums to the last bit.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { clientInPeriod, clientsOf, feeSummaries, surveyVersionsOf } from '../src/db/fee-inputs.ts'
import { compareOutcomes } from '../src/domain/fees/timing.ts'
import type { FeeClient, FeeOutcome, ItemAnswer } from '../src/domain/fees.ts'
import { db, programmeWith } from './seed-scores.ts'

const NOW = '2027-06-15T12:00:00.000Z'
const PERIOD = { from: '2027-03-01', to: '2027-08-31' }

/** clientsOf before issue 16, kept as the reference: one nested loop from the episodes. */
async function plainClientsOf(programmeId: string, providerIds: string[]): Promise<Map<string, FeeClient[]>> {
  const { results } = await db()
    .prepare(
      `SELECT e.id AS episodeId, e.provider_id AS providerId, e.external_ref AS externalRef, e.risk_class AS riskClass,
         e.service_type AS serviceType, e.started_on AS startedOn, e.ended_on AS endedOn,
         (i.id IS NOT NULL AND NOT (i.status <> 'open' OR i.expires_at <= ?5)) AS pending,
         r.invitation_id IS NOT NULL AS responded, r.quality_index AS qualityIndex, r.all_top AS allTop,
         CASE WHEN r.invitation_id IS NULL THEN NULL ELSE
           (SELECT json_group_object(ri.item, json_array(ri.position, ri.points)) FROM response_items ri
            WHERE ri.invitation_id = r.invitation_id) END AS items,
         (SELECT json_group_array(json_object('type', o.type, 'occurredOn', o.occurred_on, 'value', o.value))
          FROM outcomes o WHERE o.episode_id = e.id) AS outcomes
       FROM episodes e LEFT JOIN invitations i ON i.episode_id = e.id AND i.wave = 'exit'
       LEFT JOIN responses r ON r.invitation_id = i.id AND r.completed = 1
       WHERE e.programme_id = ?1 AND e.status = 'confirmed'
         AND e.provider_id IN (SELECT value FROM json_each(?4))
         AND ${clientInPeriod('?2', '?3')}
       ORDER BY e.provider_id, e.external_ref`,
    )
    .bind(programmeId, PERIOD.from, PERIOD.to, JSON.stringify(providerIds), NOW)
    .all<{
      providerId: string
      episodeId: string
      externalRef: string
      riskClass: string | null
      serviceType: string | null
      startedOn: string
      endedOn: string
      pending: number
      responded: number
      qualityIndex: number | null
      allTop: number | null
      items: string | null
      outcomes: string
    }>()
  const byProvider = new Map<string, FeeClient[]>(providerIds.map((id) => [id, []]))
  for (const r of results) {
    const items =
      r.items === null
        ? undefined
        : Object.fromEntries(
            Object.entries(JSON.parse(r.items) as Record<string, [number | null, number]>).map(
              ([name, [position, points]]): [string, ItemAnswer] => [name, { position, points }],
            ),
          )
    byProvider.get(r.providerId)!.push({
      episodeId: r.episodeId,
      externalRef: r.externalRef,
      riskClass: r.riskClass,
      serviceType: r.serviceType,
      startedOn: r.startedOn,
      endedOn: r.endedOn,
      outcomes: (JSON.parse(r.outcomes) as FeeOutcome[]).sort(compareOutcomes),
      response: r.responded
        ? { qualityIndex: r.qualityIndex, allTop: r.allTop === 1, ...(items ? { items } : {}) }
        : null,
      ...(r.pending ? { invitation: 'pending' as const } : {}),
    })
  }
  return byProvider
}

const HINT = ' INDEXED BY invitations_episode_cover'

/** feeSummaries before issue 16's second pass: the same statement without the index hint, as the planner chose. */
async function plainSummaries(programmeId: string) {
  let hinted = false
  const unhinted = {
    prepare: (sql: string) => {
      hinted = sql.includes(HINT)
      return db().prepare(sql.replace(HINT, ''))
    },
  } as unknown as D1Database
  const summaries = await feeSummaries(unhinted, programmeId, PERIOD.from, PERIOD.to, NOW)
  expect(hinted).toBe(true)
  return summaries
}

/** The survey versions of the period before issue 16's second pass: a query of their own over the period. */
async function plainSurveyVersions(programmeId: string) {
  const { results } = await db()
    .prepare(
      `SELECT DISTINCT r.survey_id AS surveyId, r.survey_version AS version, COALESCE(sv.series, r.survey_version) AS series
       FROM episodes e JOIN invitations i ON i.episode_id = e.id AND i.wave = 'exit'
       JOIN responses r ON r.invitation_id = i.id AND r.completed = 1
       LEFT JOIN survey_versions sv ON sv.survey_id = r.survey_id AND sv.version = r.survey_version
       WHERE e.programme_id = ?1 AND e.ended_on >= ?2 AND e.ended_on <= ?3
       ORDER BY 1, 2`,
    )
    .bind(programmeId, PERIOD.from, PERIOD.to)
    .all()
  return results
}

// Dates on both sides of the period's ends, so every branch of "ends, starts or has an outcome in it" is hit.
const DAYS = ['2027-01-20', '2027-02-28', '2027-03-01', '2027-05-10', '2027-08-31', '2027-09-01', '2027-11-30']
const day = fc.constantFrom(...DAYS)

const client = fc.record({
  provider: fc.nat(2),
  ref: fc.stringMatching(/^[A-Za-z0-9]{1,6}$/),
  status: fc.constantFrom('confirmed', 'confirmed', 'confirmed', 'pending'),
  days: fc.tuple(day, day),
  riskClass: fc.constantFrom(null, 'A', 'B'),
  serviceType: fc.constantFrom(null, 'coaching'),
  // none: no invitation; else its status, expiry before or after NOW, and a response (completed or not).
  invitation: fc.option(
    fc.record({
      status: fc.constantFrom('open', 'completed', 'declined'),
      // Versions with a series row of their own (1, 2) and one without (3).
      survey: fc.constantFrom(
        { id: 'cx-company', version: 1 },
        { id: 'cx-company', version: 2 },
        { id: 'cx-jobseeker', version: 1 },
        { id: 'cx-jobseeker', version: 3 },
      ),
      expired: fc.boolean(),
      completed: fc.boolean(),
      qualityIndex: fc.option(fc.double({ min: 0, max: 100, noNaN: true })),
      allTop: fc.boolean(),
      items: fc.uniqueArray(
        fc.record({
          item: fc.constantFrom('q1', 'q2', 'q10', '2', 'b'),
          position: fc.option(fc.integer({ min: 1, max: 5 })),
        }),
        { selector: (a) => a.item, maxLength: 4 },
      ),
    }),
  ),
  outcomes: fc.uniqueArray(
    fc.record({
      type: fc.constantFrom('recruitment', 'training'),
      day,
      value: fc.option(fc.integer({ min: 0, max: 9 })),
    }),
    { selector: (o) => `${o.type}/${o.day}`, maxLength: 3 },
  ),
})

describe('clientsOf (issue 16: key-ordered joins, survey versions on the way)', () => {
  it('reads the same clients, fields and order as the plain join, on random programmes', async () => {
    let run = 0
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(client, { selector: (c) => c.ref.toLowerCase(), maxLength: 25 }),
        async (clients) => {
          const { pid, ids } = await programmeWith(3, 5)
          run++
          const statements = clients.flatMap((c, k) => {
            const id = `${run}x${k}`
            const [startedOn, endedOn] = [...c.days].sort()
            const at = '2027-01-01T00:00:00.000Z'
            const out = [
              db()
                .prepare(
                  `INSERT INTO episodes (id, programme_id, provider_id, customer_type, external_ref, ref_key, service_type,
                   started_on, ended_on, risk_class, language, status, created_at)
                 VALUES (?1, ?2, ?3, 'company', ?4, lower(?4), ?5, ?6, ?7, ?8, 'fi', ?9, ?10)`,
                )
                .bind(
                  `epi_${id}`,
                  pid,
                  ids[c.provider],
                  c.ref,
                  c.serviceType,
                  startedOn,
                  endedOn,
                  c.riskClass,
                  c.status,
                  at,
                ),
              ...c.outcomes.map((o, n) =>
                db()
                  .prepare(
                    'INSERT INTO outcomes (id, episode_id, type, occurred_on, value, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)',
                  )
                  .bind(`out_${id}_${n}`, `epi_${id}`, o.type, o.day, o.value, at),
              ),
            ]
            // As in the application, only a confirmed episode gets an invitation (migrations/0006_add_custody.sql).
            const inv = c.status === 'confirmed' ? c.invitation : null
            if (inv === null) return out
            const closedAt = inv.status === 'open' ? null : '2027-04-01T00:00:00.000Z'
            out.push(
              db()
                .prepare(
                  `INSERT INTO invitations (id, episode_id, token_hash, survey_id, survey_version, language, status, issued_at,
                   expires_at, completed_at, declined_at)
                 VALUES (?1, ?2, ?1, ?8, ?9, 'fi', ?3, ?4, ?5, ?6, ?7)`,
                )
                .bind(
                  `inv_${id}`,
                  `epi_${id}`,
                  inv.status,
                  at,
                  inv.expired ? '2027-05-01T00:00:00.000Z' : '2027-07-01T00:00:00.000Z',
                  inv.status === 'completed' ? closedAt : null,
                  inv.status === 'declined' ? closedAt : null,
                  inv.survey.id,
                  inv.survey.version,
                ),
              db()
                .prepare(
                  `INSERT INTO responses (invitation_id, survey_id, survey_version, language, answers, completed, scored_total,
                   scored_answered, quality_index, all_top, created_at, updated_at, completed_at)
                 VALUES (?1, ?7, ?8, 'fi', '{}', ?2, 5, 5, ?3, ?4, ?5, ?5, ?6)`,
                )
                .bind(
                  `inv_${id}`,
                  inv.completed ? 1 : 0,
                  inv.qualityIndex,
                  inv.allTop ? 1 : 0,
                  at,
                  inv.completed ? at : null,
                  inv.survey.id,
                  inv.survey.version,
                ),
              ...inv.items.map((a) =>
                db()
                  .prepare('INSERT INTO response_items (invitation_id, item, position, points) VALUES (?1, ?2, ?3, 5)')
                  .bind(`inv_${id}`, a.item, a.position),
              ),
            )
            return out
          })
          if (statements.length > 0) await db().batch(statements)
          for (const chunk of [ids, ids.slice(0, 1), ids.slice(1)]) {
            const read = (await clientsOf(db(), pid, PERIOD, chunk, NOW)).clients
            const plain = await plainClientsOf(pid, chunk)
            expect([...read]).toEqual([...plain])
            // The inputs hash is taken over JSON: key order and absent keys count too.
            expect(JSON.stringify([...read])).toBe(JSON.stringify([...plain]))
          }
          // A run reads its providers in chunks; the versions of both chunks together are the period's.
          const used = [ids.slice(0, 1), ids.slice(1)]
          const chunks = await Promise.all(used.map((chunk) => clientsOf(db(), pid, PERIOD, chunk, NOW)))
          const versions = await surveyVersionsOf(
            db(),
            chunks.flatMap((c) => c.surveyVersions),
          )
          expect(JSON.stringify(versions)).toBe(JSON.stringify(await plainSurveyVersions(pid)))
          // The provider figures through the covering invitation index: the same counts and sums, to the last bit
          // (JSON writes a double's shortest exact form).
          const summaries = await feeSummaries(db(), pid, PERIOD.from, PERIOD.to, NOW)
          expect(JSON.stringify(summaries)).toBe(JSON.stringify(await plainSummaries(pid)))
        },
      ),
      { numRuns: 12 },
    )
  })
})
