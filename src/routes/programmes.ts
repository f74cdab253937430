import { Hono } from 'hono'
import {
  appendFeeRule,
  insertProgramme,
  latestFeeRule,
  listFeeRules,
  listProgrammes,
  type Programme,
} from '../db/programmes.ts'
import { findProviderClash, insertProvider, listProviders } from '../db/providers.ts'
import type { FieldIssue } from '../domain/issues.ts'
import type { AppEnv } from '../env.ts'
import { ApiError, invalid } from '../http/errors.ts'
import { assertProcurerOf, providerScope } from '../http/principal.ts'
import { programmeFor } from '../http/programme-access.ts'
import { jsonBody } from '../http/validate.ts'
import { newId } from '../lib/crypto.ts'
import { nowIso } from '../lib/time.ts'
import { parseFeeRule } from '../schemas/fee-rule.ts'
import { createProgrammeSchema, createProviderSchema } from '../schemas/programmes.ts'
import { latestVersion } from '../surveys/catalog.ts'
import { programmeFeeRoutes } from './fee-runs.ts'
import { episodeRoutes } from './programme-episodes.ts'
import { scoreRoutes } from './scores.ts'

function feeRuleOrThrow(input: unknown, currency: string, prefix: string) {
  const parsed = parseFeeRule(input, currency)
  if (parsed.ok) return parsed.rule
  if (!prefix) throw invalid(parsed.issues)
  // Issues of a rule nested in a programme body get the body's field name in front.
  throw invalid(
    parsed.issues.map((i) =>
      i.path
        ? { path: `${prefix}.${i.path}`, message: `${prefix}.${i.message}` }
        : { path: prefix, message: `${prefix}: ${i.message}` },
    ),
  )
}

export const programmes = new Hono<AppEnv>()
  .post('/', jsonBody(createProgrammeSchema), async (c) => {
    const body = c.req.valid('json')
    const principal = c.get('principal')
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
      invitationDays: body.invitationDays ?? Number(c.env.DEFAULT_INVITATION_DAYS ?? 30),
      createdAt: nowIso(),
    }
    await insertProgramme(c.env.DB, programme, rule, principal.keyId)
    return c.json(
      { ...programme, feeRule: rule === undefined ? null : { version: 1, rule, createdAt: programme.createdAt } },
      201,
    )
  })
  .get('/', async (c) => {
    const p = c.get('principal')
    const only = p.role === 'admin' ? null : p.programmeId
    return c.json({ programmes: await listProgrammes(c.env.DB, only) })
  })
  .get('/:pid', async (c) => {
    const programme = await programmeFor(c, c.req.param('pid'))
    return c.json({ ...programme, feeRule: await latestFeeRule(c.env.DB, programme.id) })
  })
  .put('/:pid/fee-rule', async (c) => {
    const programme = await programmeFor(c, c.req.param('pid'))
    assertProcurerOf(c.get('principal'), programme.id)
    let input: unknown
    try {
      input = await c.req.json()
    } catch {
      throw new ApiError(400, 'The body must be a fee rule in JSON')
    }
    const rule = feeRuleOrThrow(input, programme.currency, '')
    // A rule is never edited in place: every change is a new version.
    return c.json(await appendFeeRule(c.env.DB, programme.id, rule, nowIso(), c.get('principal').keyId), 201)
  })
  .get('/:pid/fee-rules', async (c) => {
    const programme = await programmeFor(c, c.req.param('pid'))
    return c.json({ versions: await listFeeRules(c.env.DB, programme.id) })
  })
  .post('/:pid/providers', jsonBody(createProviderSchema), async (c) => {
    const programme = await programmeFor(c, c.req.param('pid'))
    assertProcurerOf(c.get('principal'), programme.id)
    const body = c.req.valid('json')
    const clash = await findProviderClash(c.env.DB, programme.id, body.name, body.businessId ?? null)
    if (clash) {
      const field = clash.name === body.name ? 'name' : 'businessId'
      throw new ApiError(409, `A provider with this ${field} already exists in the programme: ${clash.id}`, {
        issues: [{ path: field, message: `${field}: already used by provider ${clash.id}` }],
      })
    }
    const provider = {
      id: newId('prv'),
      programmeId: programme.id,
      name: body.name,
      businessId: body.businessId ?? null,
      createdAt: nowIso(),
    }
    await insertProvider(c.env.DB, provider)
    return c.json(provider, 201)
  })
  .get('/:pid/providers', async (c) => {
    const programme = await programmeFor(c, c.req.param('pid'))
    return c.json({ providers: await listProviders(c.env.DB, programme.id, providerScope(c.get('principal'))) })
  })
  .route('/:pid/episodes', episodeRoutes)
  .route('/:pid', scoreRoutes)
  .route('/:pid', programmeFeeRoutes)
