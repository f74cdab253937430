import type { FeeRuleTemplate } from '../domain/fee-rule-templates.ts'
import { formatCents } from '../domain/fees.ts'

/** A template as served: the rule, its source and its worked example with amounts as money strings. */
export function feeRuleTemplateView(t: FeeRuleTemplate) {
  const { inputs, expected, description, walkthrough } = t.example
  return {
    id: t.id,
    name: t.name,
    region: t.region,
    source: t.source,
    summary: t.summary,
    rule: t.rule,
    example: {
      description,
      period: inputs.period ?? null,
      providers: inputs.providers,
      expected: { total: formatCents(expected.totalCents), components: expected.componentCents.map(formatCents) },
      walkthrough,
    },
  }
}
