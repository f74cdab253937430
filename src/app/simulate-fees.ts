import type { Programme } from '../db/programmes.ts'
import type { FeeRule } from '../domain/fee-rule.ts'
import type { FieldIssue } from '../domain/issues.ts'
import { invalid, nestedIssue } from '../http/errors.ts'
import { parseFeeRule } from '../schemas/fee-rule.ts'
import { computeRun, type RunResult } from './compute-run.ts'
import type { Deps } from './deps.ts'

/** Several candidate rules on the same data with the same engine as a run; nothing is stored. */
export async function simulateFees(
  deps: Deps,
  programme: Programme,
  request: { from: string; to: string; rules: unknown[] },
): Promise<RunResult[]> {
  const issues: FieldIssue[] = []
  const rules: FeeRule[] = []
  request.rules.forEach((input, i) => {
    const parsed = parseFeeRule(input, programme.currency)
    if (parsed.ok) rules.push(parsed.rule)
    else issues.push(...parsed.issues.map((x) => nestedIssue(`rules[${i}]`, x)))
  })
  if (issues.length > 0) throw invalid(issues)
  const period = { from: request.from, to: request.to }
  const results: RunResult[] = []
  for (const rule of rules)
    results.push(await computeRun(deps.db, programme, { version: null, rule }, period, async () => {}))
  return results
}
