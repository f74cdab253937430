import type { Programme } from '../db/programmes.ts'
import { type FeeRule, toCents } from '../domain/fee-rule.ts'
import type { FieldIssue } from '../domain/issues.ts'
import { invalid, nestedIssue } from '../http/errors.ts'
import { parseFeeRule } from '../schemas/fee-rule.ts'
import { computeRun, type RunResult } from './compute-run.ts'
import type { Deps } from './deps.ts'
import { feeRuleScope } from './programmes.ts'

/** Several candidate rules on the same data with the same engine as a run; nothing is stored. */
export async function simulateFees(
  deps: Deps,
  programme: Programme,
  request: { from: string; to: string; rules: unknown[]; budget?: number },
): Promise<RunResult[]> {
  const issues: FieldIssue[] = []
  const rules: FeeRule[] = []
  const scope = await feeRuleScope(deps.db, programme)
  request.rules.forEach((input, i) => {
    const parsed = parseFeeRule(input, programme.currency, scope)
    if (parsed.ok) rules.push(parsed.rule)
    else issues.push(...parsed.issues.map((x) => nestedIssue(`rules[${i}]`, x)))
  })
  if (issues.length > 0) throw invalid(issues)
  const period = { from: request.from, to: request.to }
  const options = {
    now: deps.now(),
    budgetCents: request.budget === undefined ? undefined : toCents(request.budget),
  }
  const results: RunResult[] = []
  for (const rule of rules)
    results.push(await computeRun(deps.db, programme, { version: null, rule }, period, async () => {}, options))
  return results
}
