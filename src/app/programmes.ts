import {
  appendFeeRule,
  type FeeRuleVersion,
  insertProgramme,
  type Programme,
  updateProgrammeSettings,
} from '../db/programmes.ts'
import { findProviderClash, insertProvider, listProviders, type Provider } from '../db/providers.ts'
import type { FeeRule } from '../domain/fee-rule.ts'
import type { FieldIssue } from '../domain/issues.ts'
import type { Principal } from '../domain/principal.ts'
import { ApiError, invalid, nestedIssue } from '../http/errors.ts'
import { newId } from '../lib/crypto.ts'
import { type FeeRuleScope, parseFeeRule } from '../schemas/fee-rule.ts'
import type { CreateProgramme, CreateProvider, ProgrammeSettings } from '../schemas/programmes.ts'
import { latestVersion, surveyVersions } from '../surveys/catalog.ts'
import { outcomeQuestions } from '../surveys/reported-outcomes.ts'
import { scoredItems } from '../surveys/scored-items.ts'
import type { Deps } from './deps.ts'

/** Every item the programme's surveys score, in any version. */
export function programmeScoredItems(surveys: { company: string; jobseeker: string }): string[] {
  const ids = [surveys.company, surveys.jobseeker]
  const names = surveyVersions
    .filter((v) => ids.includes(v.id))
    .flatMap((v) => scoredItems(v.definition).map((i) => i.name))
  return [...new Set(names)].sort()
}

/** What a rule of the programme is checked against: its providers and its surveys' scored items. */
export async function feeRuleScope(db: D1Database, programme: Programme): Promise<FeeRuleScope> {
  const providers = await listProviders(db, programme.id, null)
  return {
    providerIds: providers.map((p) => p.id),
    scoredItems: programmeScoredItems(programme.surveys),
    caseMix: programme.caseMix,
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
  const issues: FieldIssue[] = []
  for (const type of ['company', 'jobseeker'] as const) {
    if (!latestVersion(body.surveys[type])) {
      issues.push({
        path: `surveys.${type}`,
        message: `no survey "${body.surveys[type]}" (see GET /api/v1/surveys)`,
      })
    }
  }
  issues.push(...followUpSurveyIssues(body.followUpSurvey))
  if (issues.length > 0) throw invalid(issues)
  // A new programme has no providers yet, so a byProvider price cannot name one.
  const scope = { providerIds: [], scoredItems: programmeScoredItems(body.surveys), caseMix: body.caseMix }
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
    followUpDays: body.followUpDays,
    followUpSurvey: body.followUpSurvey,
    createdAt: deps.now(),
  }
  await insertProgramme(deps.db, programme, rule, principal.keyId)
  const feeRule = rule === undefined ? null : { version: 1, rule, createdAt: programme.createdAt }
  return { ...programme, feeRule }
}

/** A follow-up survey must exist and report at least one outcome (a question with reportsOutcome "<type>"). */
function followUpSurveyIssues(id: string | undefined): FieldIssue[] {
  if (id === undefined) return []
  const survey = latestVersion(id)
  if (!survey) return [{ path: 'followUpSurvey', message: `no survey "${id}" (see GET /api/v1/surveys)` }]
  if (outcomeQuestions(survey.definition).size === 0) {
    return [{ path: 'followUpSurvey', message: `survey "${id}" has no question that reports an outcome` }]
  }
  return []
}

/** Custody, case-mix and follow-up settings; a change applies to what happens next. */
export async function changeProgrammeSettings(
  deps: Deps,
  programme: Programme,
  settings: ProgrammeSettings,
): Promise<Programme> {
  const issues = followUpSurveyIssues(settings.followUpSurvey)
  if (issues.length > 0) throw invalid(issues)
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
