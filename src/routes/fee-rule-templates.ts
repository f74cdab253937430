import { Hono } from 'hono'
import { feeRuleTemplates } from '../domain/fee-rule-templates.ts'
import type { AppEnv } from '../env.ts'
import { feeRuleTemplateView } from '../views/fee-rule-templates.ts'

/** The seed fee models as ready rules with worked examples: public, the same for everyone. */
export const feeRuleTemplateRoutes = new Hono<AppEnv>().get('/', (c) =>
  c.json({ templates: feeRuleTemplates.map(feeRuleTemplateView) }),
)
