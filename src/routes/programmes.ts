import { Hono } from 'hono'
import { systemDeps } from '../app/deps.ts'
import { addFeeRuleVersion, addProvider, changeProgrammeSettings, createProgramme } from '../app/programmes.ts'
import { latestFeeRule, listFeeRules, listProgrammes } from '../db/programmes.ts'
import { listProviders } from '../db/providers.ts'
import type { AppEnv } from '../env.ts'
import { assertProcurerOf, programmeScope, providerScope } from '../http/principal.ts'
import { programmeFor } from '../http/programme-access.ts'
import { jsonBody, rawJsonBody } from '../http/validate.ts'
import { createProgrammeSchema, createProviderSchema, programmeSettingsSchema } from '../schemas/programmes.ts'
import { programmeAggregateRoutes } from './programme-aggregates.ts'
import { programmeEpisodeRoutes } from './programme-episodes.ts'
import { programmeExportRoutes } from './programme-exports.ts'
import { programmeFeeRunRoutes } from './programme-fee-runs.ts'
import { programmeInvitationLinkRoutes } from './programme-invitation-links.ts'
import { programmePanelRoutes } from './programme-panel.ts'
import { programmeReportedOutcomeRoutes } from './programme-reported-outcomes.ts'
import { programmeScoreRoutes } from './programme-scores.ts'

export const programmeRoutes = new Hono<AppEnv>()
  .post('/', jsonBody(createProgrammeSchema), async (c) => {
    const defaultDays = Number(c.env.DEFAULT_INVITATION_DAYS ?? 30)
    const created = await createProgramme(systemDeps(c.env), c.get('principal'), c.req.valid('json'), defaultDays)
    return c.json(created, 201)
  })
  .get('/', async (c) => {
    const only = programmeScope(c.get('principal'))
    return c.json({ programmes: await listProgrammes(c.env.DB, only) })
  })
  .get('/:pid', async (c) => {
    const programme = await programmeFor(c, c.req.param('pid'))
    return c.json({ ...programme, feeRule: await latestFeeRule(c.env.DB, programme.id) })
  })
  .patch('/:pid', jsonBody(programmeSettingsSchema), async (c) => {
    const programme = await programmeFor(c, c.req.param('pid'))
    assertProcurerOf(c.get('principal'), programme.id)
    return c.json(await changeProgrammeSettings(systemDeps(c.env), programme, c.req.valid('json')))
  })
  .put('/:pid/fee-rule', async (c) => {
    const programme = await programmeFor(c, c.req.param('pid'))
    assertProcurerOf(c.get('principal'), programme.id)
    const input = await rawJsonBody(c, 'The body must be a fee rule in JSON')
    return c.json(await addFeeRuleVersion(systemDeps(c.env), programme, input, c.get('principal').keyId), 201)
  })
  .get('/:pid/fee-rules', async (c) => {
    const programme = await programmeFor(c, c.req.param('pid'))
    return c.json({ versions: await listFeeRules(c.env.DB, programme.id) })
  })
  .post('/:pid/providers', jsonBody(createProviderSchema), async (c) => {
    const programme = await programmeFor(c, c.req.param('pid'))
    assertProcurerOf(c.get('principal'), programme.id)
    return c.json(await addProvider(systemDeps(c.env), programme, c.req.valid('json')), 201)
  })
  .get('/:pid/providers', async (c) => {
    const programme = await programmeFor(c, c.req.param('pid'))
    return c.json({ providers: await listProviders(c.env.DB, programme.id, providerScope(c.get('principal'))) })
  })
  .route('/:pid/episodes', programmeEpisodeRoutes)
  .route('/:pid', programmeScoreRoutes)
  .route('/:pid', programmeFeeRunRoutes)
  .route('/:pid', programmePanelRoutes)
  .route('/:pid', programmeInvitationLinkRoutes)
  .route('/:pid', programmeExportRoutes)
  .route('/:pid', programmeReportedOutcomeRoutes)
  .route('/:pid', programmeAggregateRoutes)
