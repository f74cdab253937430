// What a fee run reads: clients per provider with their outcomes and completed responses, and the
// survey versions behind those responses. Provider-level sums come from providerSums (db/scores.ts).
import type { FeeClient } from '../domain/fees.ts'

type ClientRow = {
  episodeId: string
  providerId: string
  externalRef: string
  riskClass: string | null
  responded: number
  qualityIndex: number | null
  allTop: number | null
  outcomeTypes: string
}

/** Clients of some providers ending in the period, in (provider, externalRef) order; joined as providerSums joins, so the counts agree. */
export async function clientsOf(
  db: D1Database,
  programmeId: string,
  from: string,
  to: string,
  providerIds: string[],
): Promise<Map<string, FeeClient[]>> {
  const { results } = await db
    .prepare(
      `SELECT e.id AS episodeId, e.provider_id AS providerId, e.external_ref AS externalRef, e.risk_class AS riskClass,
         r.invitation_id IS NOT NULL AS responded, r.quality_index AS qualityIndex, r.all_top AS allTop,
         (SELECT json_group_array(DISTINCT o.type) FROM outcomes o WHERE o.episode_id = e.id) AS outcomeTypes
       FROM episodes e LEFT JOIN invitations i ON i.episode_id = e.id
       LEFT JOIN responses r ON r.invitation_id = i.id AND r.completed = 1
       WHERE e.programme_id = ?1 AND e.status = 'confirmed' AND e.ended_on >= ?2 AND e.ended_on <= ?3
         AND e.provider_id IN (SELECT value FROM json_each(?4))
       ORDER BY e.provider_id, e.external_ref`,
    )
    .bind(programmeId, from, to, JSON.stringify(providerIds))
    .all<ClientRow>()
  const byProvider = new Map<string, FeeClient[]>(providerIds.map((id) => [id, []]))
  for (const r of results) {
    byProvider.get(r.providerId)!.push({
      episodeId: r.episodeId,
      externalRef: r.externalRef,
      riskClass: r.riskClass,
      outcomeTypes: (JSON.parse(r.outcomeTypes) as string[]).sort(),
      response: r.responded ? { qualityIndex: r.qualityIndex, allTop: r.allTop === 1 } : null,
    })
  }
  return byProvider
}

export async function surveyVersionsUsed(
  db: D1Database,
  programmeId: string,
  from: string,
  to: string,
): Promise<Array<{ surveyId: string; version: number }>> {
  const { results } = await db
    .prepare(
      `SELECT DISTINCT r.survey_id AS surveyId, r.survey_version AS version
       FROM episodes e JOIN invitations i ON i.episode_id = e.id
       JOIN responses r ON r.invitation_id = i.id AND r.completed = 1
       WHERE e.programme_id = ?1 AND e.ended_on >= ?2 AND e.ended_on <= ?3
       ORDER BY 1, 2`,
    )
    .bind(programmeId, from, to)
    .all<{ surveyId: string; version: number }>()
  return results
}
