// The outcomes a follow-up survey's answers report, read from the questions' reportsOutcome property
// (src/surveys/properties.ts): "<type>" on the yes/no question whose "yes" says it happened, "<type>.occurredOn"
// on the question giving its day and "<type>.value" on the one giving its amount (divided by
// outcomeValueDivisor). docs/METHODS.md, "Follow-up surveys".
import type { Answers } from './runtime.ts'
import { type JsonObject, surveyNodes } from './scored-items.ts'

export type ReportedOutcome = { type: string; occurredOn: string; value: number | null }

type OutcomeQuestions = { happened: string; occurredOn: string | null; value: string | null; divisor: number }

/** The outcome types a survey reports, with the questions behind each part. */
export function outcomeQuestions(definition: JsonObject): Map<string, OutcomeQuestions> {
  const parts = surveyNodes(definition).flatMap((node) => {
    const reports = node.kind === 'question' ? node.json.reportsOutcome : undefined
    if (typeof reports !== 'string' || typeof node.json.name !== 'string') return []
    const [type, part = 'happened'] = reports.split('.')
    const divisor = typeof node.json.outcomeValueDivisor === 'number' ? node.json.outcomeValueDivisor : 1
    return [{ type, part, name: node.json.name, divisor }]
  })
  const byType = new Map<string, OutcomeQuestions>()
  for (const p of parts.filter((p) => p.part === 'happened')) {
    const of = (part: string) => parts.find((q) => q.type === p.type && q.part === part)
    byType.set(p.type, {
      happened: p.name,
      occurredOn: of('occurredOn')?.name ?? null,
      value: of('value')?.name ?? null,
      divisor: of('value')?.divisor ?? 1,
    })
  }
  return byType
}

// A boolean question's true, or a choice question's "yes"
const YES = new Set<unknown>([true, 'yes'])
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/
const isDay = (s: unknown): s is string =>
  typeof s === 'string' && ISO_DAY.test(s) && !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(s)

/**
 * What a completed response reports: one outcome per type answered "yes", on the day it names (else the day of
 * the answer, `answeredOn`) with its value divided by the divisor, rounded to two decimals (37.5 hours a week is
 * 1.00 full-time equivalent).
 */
export function reportedOutcomes(definition: JsonObject, answers: Answers, answeredOn: string): ReportedOutcome[] {
  const out: ReportedOutcome[] = []
  for (const [type, q] of outcomeQuestions(definition)) {
    if (!YES.has(answers[q.happened])) continue
    const day = q.occurredOn === null ? undefined : answers[q.occurredOn]
    const amount = q.value === null ? Number.NaN : Number(answers[q.value])
    // A huge amount overflows to Infinity once scaled by 100: checked after the arithmetic, not before.
    const value = Math.round((amount / q.divisor) * 100) / 100
    out.push({
      type,
      occurredOn: isDay(day) ? day : answeredOn,
      value: Number.isFinite(value) ? value : null,
    })
  }
  return out
}
