import { appendFeeRule, type FeeRuleVersion, insertProgramme, type Programme } from '../db/programmes.ts'
import { findProviderClash, insertProvider, type Provider } from '../db/providers.ts'
import type { FeeRule } from '../domain/fee-rule.ts'
import type { FieldIssue } from '../domain/issues.ts'
import type { Principal } from '../domain/principal.ts'
import { ApiError, invalid, nestedIssue } from '../http/errors.ts'
import { newId } from '../lib/crypto.ts'
import { parseFeeRule } from '../schemas/fee-rule.ts'
import type { CreateProgramme, CreateProvider } from '../schemas/programmes.ts'
import { latestVersion } from '../surveys/catalog.ts'
import type { Deps } from './deps.ts'

/** A fee rule checked against the programme's currency; issues of a nested rule carry its field name. */
export function feeRuleOrThrow(input: unknown, currency: string, prefix = ''): FeeRule {
  const parsed = parseFeeRule(input, currency)
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
        message: `surveys.${type}: no survey "${body.surveys[type]}" (see GET /api/v1/surveys)`,
      })
    }
  }
  if (issues.length > 0) throw invalid(issues)
  const rule = body.feeRule === undefined ? undefined : feeRuleOrThrow(body.feeRule, body.currency, 'feeRule')
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
    createdAt: deps.now(),
  }
  await insertProgramme(deps.db, programme, rule, principal.keyId)
  const feeRule = rule === undefined ? null : { version: 1, rule, createdAt: programme.createdAt }
  return { ...programme, feeRule }
}

/** A rule is never edited in place: every change is a new version. */
export async function addFeeRuleVersion(
  deps: Deps,
  programme: Programme,
  input: unknown,
  by: string | null,
): Promise<FeeRuleVersion> {
  return appendFeeRule(deps.db, programme.id, feeRuleOrThrow(input, programme.currency), deps.now(), by)
}

/** A provider of the programme; its name and business ID are unique within the programme. */
export async function addProvider(deps: Deps, programme: Programme, body: CreateProvider): Promise<Provider> {
  const clash = await findProviderClash(deps.db, programme.id, body.name, body.businessId ?? null)
  if (clash) {
    const field = clash.name === body.name ? 'name' : 'businessId'
    throw new ApiError(409, `A provider with this ${field} already exists in the programme: ${clash.id}`, {
      issues: [{ path: field, message: `${field}: already used by provider ${clash.id}` }],
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
