// The fee rule as a client sends it: the zod schema with its own wording of every issue, the parser the
// routes call, and the JSON Schema the OpenAPI document carries. The types it parses into are the domain's.
import { z } from 'zod'
import { componentKeyOf, type FeeRule, hasAtMostTwoDecimals } from '../domain/fee-rule.ts'
import type { FieldIssue } from '../domain/issues.ts'
import { plainField } from './common.ts'

// Keeps every amount, once in cents, far inside the safe-integer range.
const MAX_AMOUNT = 10_000_000
const MAX_COMPONENTS = 20
const MAX_STEPS = 10
const CURRENCY_CODE = /^[A-Z]{3}$/

type Path = readonly PropertyKey[]
type RawIssue = z.core.$ZodRawIssue

/** `['components', 2, 'scoring', 'steps', 1, 'minIndex']` -> `components[2].scoring.steps[1].minIndex` */
function formatPath(path: Path): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else if (/^[A-Za-z_$][\w$]*$/.test(String(segment))) out += out === '' ? String(segment) : `.${String(segment)}`
    else out += `[${JSON.stringify(String(segment))}]`
  }
  return out
}

function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'string') return 'a string'
  return String(value)
}

const expectedType: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'a string',
  object: 'an object',
  array: 'an array',
}

// Wording for issues the schema does not word itself, so no message is zod's generic "Invalid input".
// Messages leave out the field: parseFeeRule puts the path in front, as the API's other validation messages do.
const messageFor: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'is required'
      const text = `must be ${expectedType[issue.expected] ?? issue.expected}, not ${describeValue(issue.input)}`
      return issue.path?.length ? text : `the fee rule ${text}`
    }
    case 'invalid_union': {
      if (issue.discriminator === undefined || issue.inclusive === false) return undefined
      const options = (issue.options ?? []).join(', ')
      const value = (issue.input as Record<string, unknown>)[issue.discriminator]
      if (value === undefined) return `is required; expected one of: ${options}`
      return `unknown ${issue.discriminator} ${JSON.stringify(value)}; expected one of: ${options}`
    }
    case 'invalid_value':
      return `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty'
      return `must be ${issue.inclusive ? 'at least' : 'greater than'} ${issue.minimum}`
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters long`
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`
    default:
      return undefined
  }
}

const money = z
  .number()
  .min(0, { error: 'must not be negative' })
  .max(MAX_AMOUNT, { error: `must be at most ${MAX_AMOUNT}` })
  .refine(hasAtMostTwoDecimals, { error: 'must have at most 2 decimals (whole cents)' })
  .meta({ description: 'Amount in the programme currency, at most 2 decimals' })

function range(min: number, max: number) {
  const error = `must be between ${min} and ${max}`
  return z.number().min(min, { error }).max(max, { error })
}

const share = range(0, 1)
const qualityIndex = range(0, 100).meta({ description: 'Point on the 0-100 quality index' })
const responseRate = range(0, 1).meta({ description: 'Response rate as a fraction, 0-1' })
const isoDate = z.iso.date({ error: 'must be a real date written YYYY-MM-DD' })

const linearScoring = z.strictObject({ mode: z.literal('linear') })
const allTopScoring = z.strictObject({ mode: z.literal('allTop') })

const scoringStep = z.strictObject({ minIndex: qualityIndex, share })

const stepsScoring = z.strictObject({
  mode: z.literal('steps'),
  steps: z
    .array(scoringStep)
    .min(1, { error: 'must contain at least one step' })
    .max(MAX_STEPS, { error: `may contain at most ${MAX_STEPS} steps` })
    .superRefine((steps, ctx) => {
      for (let i = 1; i < steps.length; i++) {
        const higher = steps[i - 1]
        const step = steps[i]
        if (step.minIndex >= higher.minIndex) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'minIndex'],
            message: `steps must be ordered by minIndex from highest to lowest, but ${step.minIndex} follows ${higher.minIndex}`,
          })
        } else if (step.share > higher.share) {
          // A better index must never earn a smaller share than a worse one.
          ctx.addIssue({
            code: 'custom',
            path: [i, 'share'],
            message: `share must not grow as minIndex falls, but ${step.share} follows ${higher.share}`,
          })
        }
      }
    }),
})

const achievementScoring = z
  .strictObject({ mode: z.literal('achievement'), threshold: qualityIndex, benchmark: qualityIndex })
  .refine((s) => s.threshold < s.benchmark, { path: ['benchmark'], error: 'benchmark must be greater than threshold' })

const valueBasedScoring = z.strictObject({
  mode: z.literal('valueBased'),
  baseline: z
    .strictObject({ from: isoDate, to: isoDate })
    .refine((b) => b.from <= b.to, { path: ['to'], error: 'baseline.to must not be before baseline.from' }),
})

const CLIENT_ONLY_MODES = ['allTop']
const PROVIDER_ONLY_MODES = ['achievement', 'valueBased']

// Names the basis a known mode belongs to instead of calling it unknown.
function modeBelongsTo(basis: 'client' | 'provider', modes: string[]) {
  return (issue: RawIssue) => {
    if (issue.code !== 'invalid_union' || issue.discriminator !== 'mode') return undefined
    const mode = (issue.input as Record<string, unknown>).mode
    if (typeof mode !== 'string' || !modes.includes(mode)) return undefined
    return `scoring mode ${JSON.stringify(mode)} is only available with basis ${basis}`
  }
}

// Ledger key (issue 12): the same key in two rule versions means the same payment, paid once.
const componentKey = z
  .string()
  .min(1)
  .max(64)
  .superRefine(plainField)
  .optional()
  .meta({ description: 'Fee ledger key, unique within the rule; default the position ("0", "1", ...)' })

const baseComponent = z.strictObject({ type: z.literal('base'), key: componentKey, perClient: money })

const resultComponent = z.strictObject({
  type: z.literal('result'),
  key: componentKey,
  outcome: z
    .string()
    .min(1)
    .max(64)
    .superRefine(plainField)
    .meta({ description: 'Outcome that earns the fee, e.g. recruitment, plan, placement' }),
  perClient: money,
  byRiskClass: z
    .record(z.string().min(1).max(32).superRefine(plainField), money, {
      error: (issue) => {
        if (issue.code !== 'invalid_key') return undefined
        const plain = issue.issues.find((i) => i.code === 'custom')
        return `is not a risk class name: ${plain ? plain.message : 'use 1 to 32 characters'}`
      },
    })
    .refine((classes) => Object.keys(classes).length > 0, { error: 'must name at least one risk class' })
    .optional()
    .meta({ description: 'Amount per client in each risk class, in place of perClient' }),
})

const clientQualityComponent = z.strictObject({
  type: z.literal('quality'),
  basis: z.literal('client'),
  key: componentKey,
  perClientMax: money,
  scoring: z.discriminatedUnion('mode', [linearScoring, allTopScoring, stepsScoring], {
    error: modeBelongsTo('provider', PROVIDER_ONLY_MODES),
  }),
  // A refusal must not raise the fee unless the procurer chooses so, hence zero by default.
  nonResponse: z.enum(['zero', 'providerMean']).default('zero'),
  minResponseRate: responseRate.default(0),
})

const providerQualityComponent = z.strictObject({
  type: z.literal('quality'),
  basis: z.literal('provider'),
  key: componentKey,
  perClientMax: money,
  scoring: z.discriminatedUnion('mode', [linearScoring, stepsScoring, achievementScoring, valueBasedScoring], {
    error: modeBelongsTo('client', CLIENT_ONLY_MODES),
  }),
  minResponseRate: responseRate.default(0),
})

const qualityComponent = z.discriminatedUnion('basis', [clientQualityComponent, providerQualityComponent])

const qualityPoolComponent = z.strictObject({
  type: z.literal('qualityPool'),
  key: componentKey,
  amount: money,
  threshold: qualityIndex,
  minResponses: z.number().int().min(0),
  minResponseRate: responseRate,
})

const feeComponent = z.discriminatedUnion('type', [
  baseComponent,
  resultComponent,
  qualityComponent,
  qualityPoolComponent,
])

// Keys (given or defaulted to the position) must differ, or two components would share one ledger entry.
function uniqueComponentKeys(components: Array<{ key?: string }>, ctx: z.core.$RefinementCtx) {
  const seen = new Map<string, number>()
  components.forEach((component, index) => {
    const key = componentKeyOf(component, index)
    const first = seen.get(key)
    if (first === undefined) seen.set(key, index)
    else
      ctx.addIssue({
        code: 'custom',
        path: [index, 'key'],
        message: `key ${JSON.stringify(key)} is already the key of components[${first}]; keys must be unique within a rule`,
      })
  })
}

export const feeRuleSchema = z.strictObject({
  currency: z.string().regex(CURRENCY_CODE, { error: 'must be a three-letter ISO 4217 code in capitals, such as EUR' }),
  components: z
    .array(feeComponent)
    .min(1, { error: 'a fee rule needs at least one component' })
    .max(MAX_COMPONENTS, { error: `a fee rule may have at most ${MAX_COMPONENTS} components` })
    .superRefine(uniqueComponentKeys),
})

// The schema parses into exactly the domain's FeeRule (each assignable to the other), or this fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
type Assert<T extends true> = T
type _ParsesIntoFeeRule = Assert<Same<z.output<typeof feeRuleSchema>, FeeRule>>

function valueAt(input: unknown, path: Path): unknown {
  let value = input
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<PropertyKey, unknown>)[segment]
  }
  return value
}

function fieldIssue(path: Path, text: string): FieldIssue {
  const formatted = formatPath(path)
  return { path: formatted, message: formatted ? `${formatted}: ${text}` : text }
}

// zod reports all unknown keys of an object as one issue on the object; one issue per key gives each its own path.
function toIssues(issue: z.core.$ZodIssue, input: unknown): FieldIssue[] {
  if (issue.code !== 'unrecognized_keys') return [fieldIssue(issue.path, issue.message)]
  const owner = valueAt(input, issue.path) as Record<string, unknown>
  return issue.keys.map((key) =>
    fieldIssue(
      [...issue.path, key],
      key === 'nonResponse' && owner.basis === 'provider'
        ? 'nonResponse applies only to quality with basis client'
        : `unknown field ${JSON.stringify(key)}`,
    ),
  )
}

export function parseFeeRule(
  input: unknown,
  programmeCurrency: string,
): { ok: true; rule: FeeRule } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = []
  const currency = valueAt(input, ['currency'])
  // A malformed code already gets its own issue from the schema.
  if (typeof currency === 'string' && CURRENCY_CODE.test(currency) && currency !== programmeCurrency) {
    issues.push(fieldIssue(['currency'], `must be the programme's currency ${programmeCurrency}, not ${currency}`))
  }
  const result = feeRuleSchema.safeParse(input, { error: messageFor })
  if (!result.success) issues.push(...result.error.issues.flatMap((issue) => toIssues(issue, input)))
  if (!result.success || issues.length > 0) return { ok: false, issues }
  return { ok: true, rule: result.data }
}

/** JSON Schema (draft 2020-12) of what a client may send, so defaulted fields are optional. */
export function feeRuleJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(feeRuleSchema, { io: 'input' })
}
