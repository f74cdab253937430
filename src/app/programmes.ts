import {
  appendFeeRule,
  type FeeRuleVersion,
  insertProgramme,
  latestFeeRule,
  type Programme,
  programmesIssuingLatest,
  updateProgrammeSettings,
} from '../db/programmes.ts'
import { findProviderClash, insertProvider, listProviders, type Provider } from '../db/providers.ts'
import { latestPublishedVersion } from '../db/survey-versions.ts'
import type { FeeRule } from '../domain/fee-rule.ts'
import type { FieldIssue } from '../domain/issues.ts'
import type { Principal } from '../domain/principal.ts'
import { ApiError, invalid, nestedIssue } from '../http/errors.ts'
import { newId } from '../lib/crypto.ts'
import { type FeeRuleScope, parseFeeRule, scopeIssues } from '../schemas/fee-rule.ts'
import type { CreateProgramme, CreateProvider, ProgrammeSettings, SurveyMap } from '../schemas/programmes.ts'
import type { JsonObject } from '../surveys/scored-items.ts'
import type { Deps } from './deps.ts'
import {
  assertSurveyMap,
  issuedScoredItems,
  mayUse,
  type PendingVersion,
  programmeScoredItems,
} from './programme-surveys.ts'

/** What a rule of the programme is checked against: its providers and its surveys' scored items. */
export async function feeRuleScope(db: D1Database, programme: Programme): Promise<FeeRuleScope> {
  const [providers, scoredItems] = await Promise.all([
    listProviders(db, programme.id, null),
    programmeScoredItems(db, programme.surveys),
  ])
  return {
    providerIds: providers.map((p) => p.id),
    scoredItems,
    caseMix: programme.caseMix,
    intake: programme.intakeWindowDays !== null,
  }
}

/** A fee rule checked against the programme's currency; issues of a nested rule carry its field name. */
export function feeRuleOrThrow(input: unknown, currency: string, prefix = '', scope: FeeRuleScope = {}): FeeRule {
  const parsed = parseFeeRule(input, currency, scope)
  if (parsed.ok) return parsed.rule
  throw invalid(prefix ? parsed.issues.map((i) => nestedIssue(prefix, i)) : parsed.issues)
}

/** A programme with its surveys, publication rules and, optionally, its first fee rule version. */
export async function createProgramme(
  deps: Deps,
  principal: Principal,
  body: CreateProgramme,
  defaultInvitationDays: number,
): Promise<Programme & { feeRule: FeeRuleVersion | null }> {
  if (!(principal.role === 'admin' || (principal.role === 'procurer' && principal.programmeId === null))) {
    throw new ApiError(403, 'Only the admin or an unscoped procurer key may create programmes')
  }
  await assertSurveyMap(deps.db, body.surveys, null)
  await assertFollowUpSurvey(deps.db, body.followUpSurvey, null)
  // A new programme has no providers yet, so a byProvider price cannot name one.
  const scoredItems = await programmeScoredItems(deps.db, body.surveys)
  const scope = { providerIds: [], scoredItems, caseMix: body.caseMix, intake: body.intakeWindowDays !== null }
  const rule = body.feeRule === undefined ? undefined : feeRuleOrThrow(body.feeRule, body.currency, 'feeRule', scope)
  const programme: Programme = {
    id: newId('prg'),
    name: body.name,
    region: body.region,
    currency: body.currency,
    surveys: body.surveys,
    publication: body.publication,
    invitationDays: body.invitationDays ?? defaultInvitationDays,
    linkCustody: body.linkCustody,
    providerEpisodes: body.providerEpisodes,
    caseMix: body.caseMix,
    intakeWindowDays: body.intakeWindowDays,
    followUpDays: body.followUpDays,
    followUpSurvey: body.followUpSurvey,
    createdAt: deps.now(),
  }
  await insertProgramme(deps.db, programme, rule, principal.keyId)
  const feeRule = rule === undefined ? null : { version: 1, rule, createdAt: programme.createdAt }
  return { ...programme, feeRule }
}

/**
 * A follow-up survey must be published, one the programme may use (as its survey map: not another programme's
 * authored survey, whose owner would decide what its clients are asked) and report at least one outcome (a
 * question with reportsOutcome "<type>"). `programmeId` is null for a programme being created.
 */
async function assertFollowUpSurvey(db: D1Database, id: string | undefined, programmeId: string | null) {
  if (id === undefined) return
  const survey = await latestPublishedVersion(db, id)
  if (!survey || !mayUse(survey, programmeId))
    throw invalid([{ path: 'followUpSurvey', message: `no survey "${id}" (see GET /api/v1/surveys)` }])
  const { outcomeQuestions } = await import('../surveys/reported-outcomes.ts') // survey-core: loaded on first use
  if (outcomeQuestions(survey.definition).size === 0) {
    throw invalid([{ path: 'followUpSurvey', message: `survey "${id}" has no question that reports an outcome` }])
  }
}

/** What of the fee rule in force a narrower scope would break, each naming the rule's version and field. */
function ruleBreaks(current: FeeRuleVersion, scope: FeeRuleScope): string[] {
  return scopeIssues(current.rule as FeeRule, scope).map(
    (i) => `the fee rule in force (version ${current.version}) at ${i.path}: ${i.message}`,
  )
}

/**
 * What of the fee rule in force the survey versions the map issues (with `pending` as its survey's latest)
 * would break: an item the rule pays on that they do not score, so every later response is a non-response to it.
 */
async function surveyMapBreaks(
  db: D1Database,
  current: FeeRuleVersion,
  map: SurveyMap,
  pending: PendingVersion | null = null,
): Promise<string[]> {
  return ruleBreaks(current, { scoredItems: await issuedScoredItems(db, map, pending) })
}

/**
 * 422 when the survey versions the new map issues would not score an item the current fee rule pays on
 * (every later response would be a non-response to it), or the case-mix adjustment or the intake wave goes off under a rule
 * paying by the adjusted index or by the change:
 * the fee rule is changed first. Each issue names the setting and the rule's field.
 */
async function assertFeeRuleKeepsFitting(db: D1Database, programme: Programme, settings: ProgrammeSettings) {
  const current = await latestFeeRule(db, programme.id)
  if (!current) return
  const breaks: Array<[keyof ProgrammeSettings, string[]]> = []
  if (settings.surveys) breaks.push(['surveys', await surveyMapBreaks(db, current, settings.surveys)])
  if (settings.caseMix !== undefined) breaks.push(['caseMix', ruleBreaks(current, { caseMix: settings.caseMix })])
  if (settings.intakeWindowDays !== undefined)
    breaks.push(['intakeWindowDays', ruleBreaks(current, { intake: settings.intakeWindowDays !== null })])
  const issues = breaks.flatMap(([path, messages]): FieldIssue[] =>
    messages.map((m) => ({ path, message: `${m}; change the fee rule first` })),
  )
  if (issues.length > 0) throw invalid(issues)
}

/**
 * 422 (path "json") when publishing `definition` as the next version of a survey would break the fee rule in
 * force of a programme whose map names the survey unpinned (it would issue the new version from then on):
 * each issue names the programme and the rule's field, as a change of that programme's map would be refused.
 */
export async function assertPublicationKeepsFeeRules(
  db: D1Database,
  surveyId: string,
  latestVersion: number | null,
  definition: JsonObject,
): Promise<void> {
  const programmes = await programmesIssuingLatest(db, surveyId)
  const pin = latestVersion === null ? '' : `, or pin its survey map to "${surveyId}@${latestVersion}"`
  const issues = await Promise.all(
    programmes.map(async (programme): Promise<FieldIssue[]> => {
      const current = await latestFeeRule(db, programme.id)
      if (!current) return []
      const breaks = await surveyMapBreaks(db, current, programme.surveys, { surveyId, definition })
      return breaks.map((m) => ({
        path: 'json',
        message: `programme "${programme.name}" (${programme.id}) issues the latest version of ${surveyId}: ${m}; change that programme's fee rule first${pin}`,
      }))
    }),
  )
  if (issues.flat().length > 0)
    throw invalid(
      issues.flat(),
      `Publishing would leave a programme's fee rule paying on items ${surveyId} no longer asks`,
    )
}

/**
 * Changes custody, case-mix, survey, intake and follow-up settings. A new survey map is checked like one given at
 * creation and applies to invitations issued afterwards; every invitation already issued keeps its survey version.
 */
export async function changeProgrammeSettings(
  deps: Deps,
  programme: Programme,
  settings: ProgrammeSettings,
): Promise<Programme> {
  if (settings.surveys) await assertSurveyMap(deps.db, settings.surveys, programme.id)
  await assertFollowUpSurvey(deps.db, settings.followUpSurvey, programme.id)
  await assertFeeRuleKeepsFitting(deps.db, programme, settings)
  return updateProgrammeSettings(deps.db, programme.id, settings)
}

/** A rule is never edited in place: every change is a new version. */
export async function addFeeRuleVersion(
  deps: Deps,
  programme: Programme,
  input: unknown,
  by: string | null,
): Promise<FeeRuleVersion> {
  const scope = await feeRuleScope(deps.db, programme)
  return appendFeeRule(deps.db, programme.id, feeRuleOrThrow(input, programme.currency, '', scope), deps.now(), by)
}

/** A provider of the programme; its name and business ID are unique within the programme. */
export async function addProvider(deps: Deps, programme: Programme, body: CreateProvider): Promise<Provider> {
  const clash = await findProviderClash(deps.db, programme.id, body.name, body.businessId ?? null)
  if (clash) {
    const field = clash.name === body.name ? 'name' : 'businessId'
    throw new ApiError(409, `A provider with this ${field} already exists in the programme: ${clash.id}`, {
      issues: [{ path: field, message: `already used by provider ${clash.id}` }],
    })
  }
  const provider: Provider = {
    id: newId('prv'),
    programmeId: programme.id,
    name: body.name,
    businessId: body.businessId ?? null,
    createdAt: deps.now(),
  }
  await insertProvider(deps.db, provider)
  return provider
}
