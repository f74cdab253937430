// What a fee run reads: clients per provider with their dates, outcomes, invitation state and completed
// responses (with the positions of their scored items), the provider-level figures, provider outcomes and
// panel ratings, and the survey versions behind the responses.

import { compareOutcomes } from '../domain/fees/timing.ts'
import type { FeeClient, FeeOutcome, ItemAnswer, PanelRating, ProviderSummary } from '../domain/fees.ts'
import type { ProviderIndexSums } from '../domain/quality-stats.ts'
import { changePairs } from './change-pairs.ts'
import { COUNTED_COMPLETION } from './scores.ts'

/** A client row as clientsOf selects it, column by column (`raw()`: the binding builds no object per row). */
type ClientRow = [
  episodeId: string,
  providerId: string,
  externalRef: string,
  riskClass: string | null,
  serviceType: string | null,
  startedOn: string,
  endedOn: string,
  pending: number,
  responded: number,
  qualityIndex: number | null,
  allTop: number | null,
  items: string | null,
  outcomes: string,
  surveyId: string | null,
  surveyVersion: number | null,
]

// A confirmed episode counts in the run's figures when it ends in the period; its invitation is closed once
// answered, declined or past its expiry at the moment the run is computed (?5).
const closed = (now: string) => `(i.status <> 'open' OR i.expires_at <= ${now})`

/**
 * Provider-level figures of the clients ending in the period: response rates count closed invitations only
 * (an open, unexpired invitation has not had its chance yet) and completions that are not break-offs. Every provider of the programme, by id.
 *
 * The float sums are added in the order this nested loop feeds them (providers, then their episodes by
 * ended_on), and Q = qualitySum / responses is shown to the last bit, so the joins keep that order: the exit
 * invitation is read from its covering index (INDEXED BY: the planner takes the unique (episode_id, wave) index
 * and then the invitation row), which is the same one row per episode in the same loop.
 */
export async function feeSummaries(
  db: D1Database,
  programmeId: string,
  from: string,
  to: string,
  now: string,
): Promise<ProviderSummary[]> {
  const { results } = await db
    .prepare(
      `SELECT pr.id AS providerId, pr.name AS name, COUNT(e.id) AS clients,
         COUNT(CASE WHEN i.id IS NOT NULL AND ${closed('?4')} THEN 1 END) AS invited,
         COUNT(CASE WHEN ${COUNTED_COMPLETION} THEN 1 END) AS completed, COUNT(r.quality_index) AS responses,
         COALESCE(SUM(r.quality_index), 0) AS qualitySum,
         COALESCE(SUM(r.quality_index * r.quality_index), 0) AS qualitySumOfSquares
       FROM providers pr
       LEFT JOIN episodes e ON e.provider_id = pr.id AND e.programme_id = ?1 AND e.status = 'confirmed'
         AND e.ended_on >= ?2 AND e.ended_on <= ?3
       LEFT JOIN invitations i INDEXED BY invitations_episode_cover ON i.episode_id = e.id AND i.wave = 'exit'
       LEFT JOIN responses r ON r.invitation_id = i.id AND r.completed = 1
       WHERE pr.programme_id = ?1
       GROUP BY pr.id ORDER BY pr.id`,
    )
    .bind(programmeId, from, to, now)
    .all<ProviderSummary>()
  return results
}

/**
 * Episode `e` is a client a component may pay in the period from..to (SQL parameters): it ends, starts, or has an
 * outcome in it. The ledger reads what was paid before for the same clients (db/ledger.ts paidBefore).
 */
export const clientInPeriod = (from: string, to: string) =>
  `((e.ended_on >= ${from} AND e.ended_on <= ${to}) OR (e.started_on >= ${from} AND e.started_on <= ${to})
    OR EXISTS (SELECT 1 FROM outcomes o WHERE o.episode_id = e.id AND o.occurred_on >= ${from} AND o.occurred_on <= ${to}))`

/** A survey version that a completed response of a client ending in the period used. */
export type SurveyVersionUsed = { surveyId: string; version: number }

/** A chunk's clients by provider, and the survey versions of their completed responses ending in the period. */
export type ClientChunk = { clients: Map<string, FeeClient[]>; surveyVersions: SurveyVersionUsed[] }

/**
 * Clients of some providers that a component may pay in the period: ending, starting, or with an outcome in
 * it (the engine decides per component), in (provider, externalRef) order. The survey versions come along, so
 * the run needs no second pass over the period's responses to list them (surveyVersionsOf).
 *
 * Every join here is by a random id, so a plain nested loop costs a cold page read per client and table. So
 * the chunk's episode rows are read in rowid order (the rowids found through episodes_provider_ref,
 * migrations/0018_add_fee_run_indexes.sql: `rowid IN` walks them sorted), then put in id order (invitations
 * and outcomes are looked up in key order, invitations from a covering index), then in invitation id order
 * (responses and their items likewise), before the final sort; LIMIT -1 keeps SQLite from dropping those
 * inner ORDER BYs. The unary + keeps the planner off the programme's index, which would walk every episode of
 * the programme for each chunk. The rows and their order are the same as a plain join's. Item answers come
 * shaped as the engine reads them ({"q1": {"position": 3, "points": 4}}), so JSON.parse alone builds them.
 * The rows come as arrays (`raw()`): `all()` would have the binding build an object per row first.
 */
export async function clientsOf(
  db: D1Database,
  programmeId: string,
  period: { from: string; to: string },
  providerIds: string[],
  now: string,
): Promise<ClientChunk> {
  const rows = await db
    .prepare(
      `WITH ep AS MATERIALIZED (
         SELECT e.id, e.provider_id, e.external_ref, e.risk_class, e.service_type, e.started_on, e.ended_on
         FROM episodes e
         WHERE e.rowid IN (SELECT rowid FROM episodes WHERE provider_id IN (SELECT value FROM json_each(?4)))
           AND +e.programme_id = ?1 AND e.status = 'confirmed'
         ORDER BY e.id LIMIT -1),
       ei AS MATERIALIZED (
         SELECT e.*, i.id AS invitation_id, (i.id IS NOT NULL AND NOT ${closed('?5')}) AS pending,
           (SELECT json_group_array(json_object('type', o.type, 'occurredOn', o.occurred_on, 'value', o.value))
            FROM outcomes o WHERE o.episode_id = e.id) AS outcomes
         FROM ep e LEFT JOIN invitations i ON i.episode_id = e.id AND +i.wave = 'exit'
         WHERE ${clientInPeriod('?2', '?3')}
         ORDER BY i.id LIMIT -1)
       SELECT e.id AS episodeId, e.provider_id AS providerId, e.external_ref AS externalRef, e.risk_class AS riskClass,
         e.service_type AS serviceType, e.started_on AS startedOn, e.ended_on AS endedOn, e.pending,
         r.invitation_id IS NOT NULL AS responded, r.quality_index AS qualityIndex, r.all_top AS allTop,
         CASE WHEN r.invitation_id IS NULL THEN NULL ELSE
           (SELECT json_group_object(ri.item, json_object('position', ri.position, 'points', ri.points))
            FROM response_items ri WHERE ri.invitation_id = r.invitation_id) END AS items,
         e.outcomes,
         CASE WHEN e.ended_on >= ?2 AND e.ended_on <= ?3 THEN r.survey_id END AS surveyId,
         CASE WHEN e.ended_on >= ?2 AND e.ended_on <= ?3 THEN r.survey_version END AS surveyVersion
       FROM ei e LEFT JOIN responses r ON r.invitation_id = e.invitation_id AND r.completed = 1
       ORDER BY e.provider_id, e.external_ref`,
    )
    .bind(programmeId, period.from, period.to, JSON.stringify(providerIds), now)
    .raw<ClientRow>()
  const clients = new Map<string, FeeClient[]>(providerIds.map((id) => [id, []]))
  const versions = new Map<string, SurveyVersionUsed>()
  for (const row of rows) {
    const [
      episodeId,
      providerId,
      externalRef,
      riskClass,
      serviceType,
      startedOn,
      endedOn,
      pending,
      responded,
      qualityIndex,
      allTop,
      items,
      outcomes,
      surveyId,
      surveyVersion,
    ] = row
    const answers = items === null ? undefined : (JSON.parse(items) as Record<string, ItemAnswer>)
    clients.get(providerId)!.push({
      episodeId,
      externalRef,
      riskClass,
      serviceType,
      startedOn,
      endedOn,
      outcomes: (JSON.parse(outcomes) as FeeOutcome[]).sort(compareOutcomes),
      response: responded ? { qualityIndex, allTop: allTop === 1, ...(answers ? { items: answers } : {}) } : null,
      ...(pending ? { invitation: 'pending' as const } : {}),
    })
    if (surveyId !== null && surveyVersion !== null) {
      versions.set(JSON.stringify([surveyId, surveyVersion]), { surveyId, version: surveyVersion })
    }
  }
  return { clients, surveyVersions: [...versions.values()] }
}

/** Provider outcomes in the period, by provider. */
export async function providerOutcomesOf(
  db: D1Database,
  programmeId: string,
  period: { from: string; to: string },
): Promise<Map<string, FeeOutcome[]>> {
  const { results } = await db
    .prepare(
      `SELECT po.provider_id AS providerId, po.type AS type, po.occurred_on AS occurredOn, po.value AS value
       FROM provider_outcomes po JOIN providers pr ON pr.id = po.provider_id
       WHERE pr.programme_id = ?1 AND po.occurred_on >= ?2 AND po.occurred_on <= ?3
       ORDER BY po.provider_id, po.occurred_on, po.type`,
    )
    .bind(programmeId, period.from, period.to)
    .all<FeeOutcome & { providerId: string }>()
  const map = new Map<string, FeeOutcome[]>()
  for (const { providerId, ...o } of results) map.set(providerId, [...(map.get(providerId) ?? []), o])
  return map
}

/** Every panel rating version of the programme, by provider (the engine takes the latest of each period). */
export async function panelRatingsOf(db: D1Database, programmeId: string): Promise<Map<string, PanelRating[]>> {
  const { results } = await db
    .prepare(
      `SELECT provider_id AS providerId, period, rating, reason, version FROM panel_ratings
       WHERE programme_id = ?1 ORDER BY provider_id, period, version`,
    )
    .bind(programmeId)
    .all<PanelRating & { providerId: string }>()
  const map = new Map<string, PanelRating[]>()
  for (const { providerId, ...r } of results) map.set(providerId, [...(map.get(providerId) ?? []), r])
  return map
}

/**
 * The survey versions the run's clients used (clientsOf, once per chunk), each once with its series (a version
 * without a row: its own), in (surveyId, version) order as SQLite sorts them.
 */
export async function surveyVersionsOf(
  db: D1Database,
  used: SurveyVersionUsed[],
): Promise<Array<{ surveyId: string; version: number; series: number }>> {
  const { results } = await db
    .prepare(
      `SELECT DISTINCT u.surveyId, u.version, COALESCE(sv.series, u.version) AS series
       FROM (SELECT value ->> '$.surveyId' AS surveyId, value ->> '$.version' AS version FROM json_each(?1)) u
       LEFT JOIN survey_versions sv ON sv.survey_id = u.surveyId AND sv.version = u.version
       ORDER BY 1, 2`,
    )
    .bind(JSON.stringify(used))
    .all<{ surveyId: string; version: number; series: number }>()
  return results
}

/**
 * Per provider, over the clients ending in the period with a pair of responses (changePairs: an exit and an
 * earlier intake response of the same survey version, each with an index): how many,
 * and the sum and sum of squares of their changes (exit index - intake index), for "index": "change".
 */
export async function changeSumsOf(
  db: D1Database,
  programmeId: string,
  from: string,
  to: string,
): Promise<Map<string, ProviderIndexSums>> {
  const { results } = await db
    .prepare(
      `SELECT e.provider_id AS providerId, COUNT(*) AS n, SUM(x.quality_index - y.quality_index) AS sum,
         SUM((x.quality_index - y.quality_index) * (x.quality_index - y.quality_index)) AS sumOfSquares
       FROM ${changePairs}
       WHERE e.programme_id = ?1 AND e.status = 'confirmed' AND e.ended_on >= ?2 AND e.ended_on <= ?3
       GROUP BY 1`,
    )
    .bind(programmeId, from, to)
    .all<ProviderIndexSums & { providerId: string }>()
  return new Map(results.map(({ providerId, ...sums }) => [providerId, sums]))
}
