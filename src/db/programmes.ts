import { storedFeeRule } from '../domain/fee-rule.ts'
import type { Publication } from '../schemas/programmes.ts'

export type Programme = {
  id: string
  name: string
  region: string
  currency: string
  surveys: { company: string; jobseeker: string }
  publication: Publication
  invitationDays: number
  linkCustody: 'laatu' | 'provider'
  providerEpisodes: 'confirm' | 'trusted' | 'off'
  /** Scores show the case-mix adjusted index beside the raw one. */
  caseMix: boolean
  /** Days after the service's end when the follow-up survey goes out; null: no follow-up. */
  followUpDays: number | null
  followUpSurvey: string
  createdAt: string
}

export type FeeRuleVersion = { version: number; rule: unknown; createdAt: string }

type ProgrammeRow = {
  id: string
  name: string
  region: string
  currency: string
  survey_company: string
  survey_jobseeker: string
  publication: string
  invitation_days: number
  link_custody: Programme['linkCustody']
  provider_episodes: Programme['providerEpisodes']
  case_mix: number
  follow_up_days: number | null
  follow_up_survey: string
  created_at: string
}

function toProgramme(row: ProgrammeRow): Programme {
  return {
    id: row.id,
    name: row.name,
    region: row.region,
    currency: row.currency,
    surveys: { company: row.survey_company, jobseeker: row.survey_jobseeker },
    publication: JSON.parse(row.publication),
    invitationDays: row.invitation_days,
    linkCustody: row.link_custody,
    providerEpisodes: row.provider_episodes,
    caseMix: row.case_mix === 1,
    followUpDays: row.follow_up_days,
    followUpSurvey: row.follow_up_survey,
    createdAt: row.created_at,
  }
}

function insertFeeRuleStatement(
  db: D1Database,
  programmeId: string,
  version: number,
  rule: unknown,
  at: string,
  by: string | null,
) {
  return db
    .prepare('INSERT INTO fee_rules (programme_id, version, rule, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5)')
    .bind(programmeId, version, JSON.stringify(rule), at, by)
}

/** The programme and its first fee rule version are written together or not at all. */
export async function insertProgramme(
  db: D1Database,
  p: Programme,
  feeRule: unknown | undefined,
  by: string | null,
): Promise<void> {
  const statements = [
    db
      .prepare(
        `INSERT INTO programmes (id, name, region, currency, survey_company, survey_jobseeker, publication,
           invitation_days, created_at, link_custody, provider_episodes, case_mix, follow_up_days, follow_up_survey)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)`,
      )
      .bind(
        p.id,
        p.name,
        p.region,
        p.currency,
        p.surveys.company,
        p.surveys.jobseeker,
        JSON.stringify(p.publication),
        p.invitationDays,
        p.createdAt,
        p.linkCustody,
        p.providerEpisodes,
        p.caseMix ? 1 : 0,
        p.followUpDays,
        p.followUpSurvey,
      ),
  ]
  if (feeRule !== undefined) statements.push(insertFeeRuleStatement(db, p.id, 1, feeRule, p.createdAt, by))
  await db.batch(statements)
}

export async function getProgramme(db: D1Database, id: string): Promise<Programme | null> {
  const row = await db.prepare('SELECT * FROM programmes WHERE id = ?1').bind(id).first<ProgrammeRow>()
  return row ? toProgramme(row) : null
}

/**
 * Changes the custody, case-mix and follow-up settings; the audit log keeps who changed what. followUpDays null
 * turns the follow-up off, so "not sent" is told apart from null by ?5.
 */
export async function updateProgrammeSettings(
  db: D1Database,
  id: string,
  settings: Partial<
    Pick<Programme, 'linkCustody' | 'providerEpisodes' | 'caseMix' | 'followUpDays' | 'followUpSurvey'>
  >,
): Promise<Programme> {
  const caseMix = settings.caseMix === undefined ? null : settings.caseMix ? 1 : 0
  const row = await db
    .prepare(
      `UPDATE programmes SET link_custody = COALESCE(?2, link_custody), provider_episodes = COALESCE(?3, provider_episodes),
         case_mix = COALESCE(?4, case_mix),
         follow_up_days = CASE WHEN ?5 = 1 THEN ?6 ELSE follow_up_days END,
         follow_up_survey = COALESCE(?7, follow_up_survey)
       WHERE id = ?1 RETURNING *`,
    )
    .bind(
      id,
      settings.linkCustody ?? null,
      settings.providerEpisodes ?? null,
      caseMix,
      settings.followUpDays === undefined ? 0 : 1,
      settings.followUpDays ?? null,
      settings.followUpSurvey ?? null,
    )
    .first<ProgrammeRow>()
  return toProgramme(row!)
}

export async function listProgrammes(db: D1Database, onlyId: string | null): Promise<Programme[]> {
  const { results } = await db
    .prepare('SELECT * FROM programmes WHERE ?1 IS NULL OR id = ?1 ORDER BY created_at, id')
    .bind(onlyId)
    .all<ProgrammeRow>()
  return results.map(toProgramme)
}

type FeeRuleRow = { version: number; rule: string; created_at: string }
const toFeeRule = (row: FeeRuleRow): FeeRuleVersion => ({
  version: row.version,
  rule: storedFeeRule(JSON.parse(row.rule)),
  createdAt: row.created_at,
})

export async function latestFeeRule(db: D1Database, programmeId: string): Promise<FeeRuleVersion | null> {
  const row = await db
    .prepare('SELECT version, rule, created_at FROM fee_rules WHERE programme_id = ?1 ORDER BY version DESC LIMIT 1')
    .bind(programmeId)
    .first<FeeRuleRow>()
  return row ? toFeeRule(row) : null
}

export async function listFeeRules(db: D1Database, programmeId: string): Promise<FeeRuleVersion[]> {
  const { results } = await db
    .prepare('SELECT version, rule, created_at FROM fee_rules WHERE programme_id = ?1 ORDER BY version')
    .bind(programmeId)
    .all<FeeRuleRow>()
  return results.map(toFeeRule)
}

/**
 * Appends the next rule version. The version is computed inside the INSERT, so two concurrent
 * writers cannot both take the same number: the primary key makes the loser fail instead.
 */
export async function appendFeeRule(
  db: D1Database,
  programmeId: string,
  rule: unknown,
  at: string,
  by: string | null,
): Promise<FeeRuleVersion> {
  const row = await db
    .prepare(
      `INSERT INTO fee_rules (programme_id, version, rule, created_at, created_by)
       SELECT ?1, COALESCE(MAX(version), 0) + 1, ?2, ?3, ?4 FROM fee_rules WHERE programme_id = ?1
       RETURNING version, rule, created_at`,
    )
    .bind(programmeId, JSON.stringify(rule), at, by)
    .first<FeeRuleRow>()
  return toFeeRule(row!)
}
