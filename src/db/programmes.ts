import { storedFeeRule } from '../domain/fee-rule.ts'
import { defaultSurveyId } from '../domain/survey-map.ts'
import type { Publication, SurveyMap } from '../schemas/programmes.ts'

export type Programme = {
  id: string
  name: string
  region: string
  currency: string
  /** Which survey version an invitation gets (domain/survey-map.ts), as the procurer gave it. */
  surveys: SurveyMap
  publication: Publication
  invitationDays: number
  linkCustody: 'laatu' | 'provider'
  providerEpisodes: 'confirm' | 'trusted' | 'off'
  /** Scores show the case-mix adjusted index beside the raw one. */
  caseMix: boolean
  /** Intake wave: invite at confirmation when the service started at most this many days before; null: off. */
  intakeWindowDays: number | null
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
  survey_map: string
  publication: string
  invitation_days: number
  link_custody: Programme['linkCustody']
  provider_episodes: Programme['providerEpisodes']
  case_mix: number
  intake_window_days: number | null
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
    surveys: JSON.parse(row.survey_map),
    publication: JSON.parse(row.publication),
    invitationDays: row.invitation_days,
    linkCustody: row.link_custody,
    providerEpisodes: row.provider_episodes,
    caseMix: row.case_mix === 1,
    intakeWindowDays: row.intake_window_days,
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
           invitation_days, created_at, link_custody, provider_episodes, case_mix, survey_map, intake_window_days,
           follow_up_days, follow_up_survey)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)`,
      )
      .bind(
        p.id,
        p.name,
        p.region,
        p.currency,
        defaultSurveyId(p.surveys, 'company'),
        defaultSurveyId(p.surveys, 'jobseeker'),
        JSON.stringify(p.publication),
        p.invitationDays,
        p.createdAt,
        p.linkCustody,
        p.providerEpisodes,
        p.caseMix ? 1 : 0,
        JSON.stringify(p.surveys),
        p.intakeWindowDays,
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
 * Changes the custody, case-mix, survey, intake and follow-up settings; the audit log keeps who changed what. A
 * new survey map applies to invitations issued afterwards: each invitation keeps the version it was issued with.
 * intakeWindowDays or followUpDays null turns that wave off, so "not sent" is told apart from null by a flag.
 */
export async function updateProgrammeSettings(
  db: D1Database,
  id: string,
  settings: Partial<
    Pick<
      Programme,
      | 'linkCustody'
      | 'providerEpisodes'
      | 'caseMix'
      | 'surveys'
      | 'intakeWindowDays'
      | 'followUpDays'
      | 'followUpSurvey'
    >
  >,
): Promise<Programme> {
  const caseMix = settings.caseMix === undefined ? null : settings.caseMix ? 1 : 0
  const map = settings.surveys
  const row = await db
    .prepare(
      `UPDATE programmes SET link_custody = COALESCE(?2, link_custody), provider_episodes = COALESCE(?3, provider_episodes),
         case_mix = COALESCE(?4, case_mix), survey_map = COALESCE(?5, survey_map),
         survey_company = COALESCE(?6, survey_company), survey_jobseeker = COALESCE(?7, survey_jobseeker),
         intake_window_days = CASE WHEN ?8 THEN ?9 ELSE intake_window_days END,
         follow_up_days = CASE WHEN ?10 = 1 THEN ?11 ELSE follow_up_days END,
         follow_up_survey = COALESCE(?12, follow_up_survey)
       WHERE id = ?1 RETURNING *`,
    )
    .bind(
      id,
      settings.linkCustody ?? null,
      settings.providerEpisodes ?? null,
      caseMix,
      map ? JSON.stringify(map) : null,
      map ? defaultSurveyId(map, 'company') : null,
      map ? defaultSurveyId(map, 'jobseeker') : null,
      settings.intakeWindowDays !== undefined ? 1 : 0,
      settings.intakeWindowDays ?? null,
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

/** The programmes whose survey map names this survey unpinned ("id": its latest version when each invitation is issued). */
export async function programmesIssuingLatest(db: D1Database, surveyId: string): Promise<Programme[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM programmes p
        WHERE EXISTS (SELECT 1 FROM json_tree(p.survey_map) t WHERE t.type = 'text' AND t.atom = ?1)
        ORDER BY created_at, id`,
    )
    .bind(surveyId)
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
