// The fee rule as a client sends it: the zod schema with its own wording of every issue, the parser the
// routes call, and the JSON Schema the OpenAPI document carries. The types it parses into are the domain's.
import { z } from 'zod'
import {
  componentKeyOf,
  DEFAULT_FEE_MIN_RESPONSES,
  FEE_INDICES,
  FEW_RESPONSES,
  type FeeRule,
  hasAtMostTwoDecimals,
  PROVIDER_NON_RESPONSE,
} from '../domain/fee-rule.ts'
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
      if (issue.input === undefined) return 'is required'
      if (issue.discriminator === undefined) return 'must be a name or a list of names'
      if (issue.inclusive === false) return undefined
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

const MAX_ITEMS = 30
const itemList = z
  .array(z.string().min(1).max(64).superRefine(plainField))
  .min(1, { error: 'must name at least one scored item' })
  .max(MAX_ITEMS, { error: `may name at most ${MAX_ITEMS} items` })
  .refine((items) => new Set(items).size === items.length, { error: 'must not name an item twice' })
  .meta({ description: "Scored items that count (names from the programme's surveys); all when absent" })

const allTopScoring = z.strictObject({ mode: z.literal('allTop'), items: itemList.optional() })

const scoringStep = z.strictObject({ minIndex: qualityIndex, share })

const stepList = z
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
  })

const stepsScoring = z.strictObject({ mode: z.literal('steps'), steps: stepList })
const clientStepsScoring = z.strictObject({ mode: z.literal('steps'), steps: stepList, items: itemList.optional() })

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

const priceShare = z
  .number()
  .gt(0, { error: 'must be greater than 0' })
  .max(1, { error: 'must be at most 1' })
  .meta({ description: "Share of the client's contract price (rule prices), in place of a money amount" })

/** Exactly one of the money field and share: a component is priced one way. */
function amountOrShare(field: string) {
  return (value: Record<string, unknown>, ctx: z.core.$RefinementCtx) => {
    const hasAmount = value[field] !== undefined
    const hasShare = value.share !== undefined
    if (hasAmount && hasShare) {
      ctx.addIssue({
        code: 'custom',
        path: ['share'],
        message: `give either ${field} or share (of the contract price), not both`,
      })
    } else if (!hasAmount && !hasShare) {
      ctx.addIssue({ code: 'custom', path: [field], message: `is required (or share of the contract price)` })
    }
  }
}

const startOrEnd = z
  .enum(['start', 'end'])
  .default('end')
  .meta({ description: "The run that pays it: the one covering the episode's end (default) or start" })

const baseComponent = z
  .strictObject({
    type: z.literal('base'),
    key: componentKey,
    when: startOrEnd,
    perClient: money.optional(),
    share: priceShare.optional(),
  })
  .superRefine(amountOrShare('perClient'))

const outcomeName = z
  .string()
  .min(1)
  .max(64)
  .superRefine(plainField)
  .meta({ description: 'Outcome that earns the fee, e.g. recruitment, plan, placement' })

const outcomeNames = z.union([
  outcomeName,
  z
    .array(outcomeName)
    .min(1, { error: 'must name at least one outcome' })
    .max(10, { error: 'may name at most 10 outcomes' }),
])

const resultComponent = z
  .strictObject({
    type: z.literal('result'),
    key: componentKey,
    when: z.enum(['start', 'end', 'outcome']).default('outcome').meta({
      description:
        "The run that pays it: the one covering the qualifying outcome's date (default), the episode's end or start",
    }),
    outcome: outcomeNames,
    perClient: money.optional(),
    share: priceShare.optional(),
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
    withinDays: z
      .int({ error: 'must be a whole number of days' })
      .min(0, { error: 'must be at least 0' })
      .max(3660, { error: 'must be at most 3660' })
      .optional()
      .meta({ description: "The outcome must occur at most this many days after the episode's end (3 months: 92)" }),
    minValue: z
      .number()
      .min(-MAX_AMOUNT)
      .max(MAX_AMOUNT)
      .optional()
      .meta({ description: "The outcome's value must be at least this (e.g. 0.5 person-years)" }),
  })
  .superRefine(amountOrShare('perClient'))

const cannotSayRule = z.enum(['exclude', 'lowest']).default('exclude').meta({
  description:
    '"Cannot say" on a scored item: left out of the mean (exclude, default) or scored as the bottom point (lowest)',
})

// A value-based provider is compared with its own baseline, which is scored with "cannot say" left out.
function lowestNeedsFixedScoring(
  component: { cannotSay: string; scoring: { mode: string } },
  ctx: z.core.$RefinementCtx,
) {
  if (component.cannotSay === 'lowest' && component.scoring.mode === 'valueBased')
    ctx.addIssue({
      code: 'custom',
      path: ['cannotSay'],
      message:
        'cannotSay "lowest" is not available with scoring mode "valueBased": its baseline leaves "cannot say" out',
    })
}

const clientQualityComponent = z
  .strictObject({
    type: z.literal('quality'),
    basis: z.literal('client'),
    key: componentKey,
    when: startOrEnd,
    perClientMax: money.optional(),
    share: priceShare.optional(),
    scoring: z.discriminatedUnion('mode', [linearScoring, allTopScoring, clientStepsScoring], {
      error: modeBelongsTo('provider', PROVIDER_ONLY_MODES),
    }),
    // A refusal must not raise the fee unless the procurer chooses so, hence zero by default.
    nonResponse: z.enum(['zero', 'providerMean']).default('zero'),
    cannotSay: cannotSayRule,
    minResponseRate: responseRate.default(0),
  })
  .superRefine(amountOrShare('perClientMax'))

// A refusal must not raise a provider index either: it counts 0 unless the procurer chooses otherwise.
const providerNonResponse = z.enum(PROVIDER_NON_RESPONSE).default('zero').meta({
  description:
    'zero (default): the index is the sum of the response indices over the closed invitations divided by their number, a non-respondent counting 0; respondentMean: the mean over respondents only (pays for suppressed answers; statements then show the suppression sensitivity)',
})

const minResponses = z
  .int({ error: 'must be a whole number' })
  .min(0, { error: 'must be at least 0' })
  .max(10_000, { error: 'must be at most 10000' })

// Names the fields a provider-level index takes; parsed once for quality and (in part) for the pool.
const providerIndexFields = {
  nonResponse: providerNonResponse,
  minResponses: minResponses.default(DEFAULT_FEE_MIN_RESPONSES).meta({
    description: 'Fewest scored responses the index is paid on (default 10); below it fewResponses applies',
  }),
  fewResponses: z.enum(FEW_RESPONSES).default('zero').meta({
    description:
      "Below minResponses: zero (default, no quality fee) or programmeMean (the rest of the programme's index)",
  }),
  index: z.enum(FEE_INDICES).default('shrunk').meta({
    description:
      'shrunk (default): pulled toward the rest of the programme by the Empirical Bayes prior weight; raw: as measured; adjusted: case-mix adjusted (the programme must have caseMix on; not with valueBased, whose baseline is raw); change: the mean change from intake to exit in index points (value added; the programme needs an intake wave; nonResponse zero counts a client without both waves as change 0, respondentMean leaves it out; linear pays change/100, steps and achievement read their points as change points, a negative mean pays nothing; not with valueBased or cannotSay "lowest")',
  }),
  priorWeight: z
    .number()
    .min(0, { error: 'must be at least 0' })
    .max(1000, { error: 'must be at most 1000' })
    .optional()
    .meta({ description: 'Fixed prior weight k of the shrunk index, in place of the estimate from the data' }),
}

const providerQualityComponent = z
  .strictObject({
    type: z.literal('quality'),
    basis: z.literal('provider'),
    key: componentKey,
    perClientMax: money.optional(),
    share: priceShare.optional(),
    scoring: z.discriminatedUnion('mode', [linearScoring, stepsScoring, achievementScoring, valueBasedScoring], {
      error: modeBelongsTo('client', CLIENT_ONLY_MODES),
    }),
    cannotSay: cannotSayRule,
    minResponseRate: responseRate.default(0),
    ...providerIndexFields,
  })
  .superRefine(amountOrShare('perClientMax'))
  .superRefine(lowestNeedsFixedScoring)
  .refine((c) => c.index !== 'adjusted' || c.scoring.mode !== 'valueBased', {
    path: ['index'],
    error: 'adjusted is not available with valueBased scoring: its baseline period is scored raw',
  })
  .refine((c) => c.index !== 'change' || c.scoring.mode !== 'valueBased', {
    path: ['index'],
    error: 'change is not available with valueBased scoring: its baseline period is scored on the exit index',
  })
  .refine((c) => c.index !== 'change' || c.cannotSay !== 'lowest', {
    path: ['cannotSay'],
    error:
      'cannotSay "lowest" is not available with index "change": the change is taken on the stored indices, with "cannot say" left out in both waves',
  })
  .refine((c) => c.index !== 'change' || c.priorWeight === undefined, {
    path: ['priorWeight'],
    error: 'priorWeight is for the shrunk index: the change is paid as measured',
  })
  .refine((c) => c.index !== 'adjusted' || c.cannotSay !== 'lowest', {
    path: ['cannotSay'],
    error:
      'cannotSay "lowest" is not available with index "adjusted": the case-mix model is fitted on the indices with "cannot say" left out',
  })

const qualityComponent = z.discriminatedUnion('basis', [clientQualityComponent, providerQualityComponent])

const qualityPoolComponent = z.strictObject({
  type: z.literal('qualityPool'),
  key: componentKey,
  amount: money,
  threshold: qualityIndex,
  minResponses: minResponses
    .default(DEFAULT_FEE_MIN_RESPONSES)
    .meta({ description: 'Fewest scored responses to share the pool (default 10)' }),
  minResponseRate: responseRate,
  nonResponse: providerNonResponse,
})

const panelComponent = z.strictObject({
  type: z.literal('panel'),
  key: componentKey,
  maxShareOfBase: range(0, 1).meta({ description: "Most of the provider's base fees in the run it can pay (0.16)" }),
  scale: z
    .strictObject({ min: range(-1000, 1000), max: range(-1000, 1000) })
    .refine((s) => s.min < s.max, { path: ['max'], error: 'scale.max must be greater than scale.min' }),
  scoring: z.strictObject({ mode: z.literal('linear') }),
})

const lumpSumComponent = z.strictObject({
  type: z.literal('lumpSum'),
  key: componentKey,
  outcome: outcomeNames.meta({ description: 'Provider outcome (recorded on the provider) that earns the amount' }),
  amount: money,
})

const feeComponent = z.discriminatedUnion('type', [
  baseComponent,
  resultComponent,
  qualityComponent,
  qualityPoolComponent,
  panelComponent,
  lumpSumComponent,
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

const priceTable = (what: string) =>
  z
    .record(z.string().min(1).max(64).superRefine(plainField), money)
    .refine((prices) => Object.keys(prices).length > 0, { error: `must name at least one ${what}` })
    .optional()

const pricesSchema = z
  .strictObject({
    default: money.optional(),
    byProvider: priceTable('provider').meta({ description: 'Price per client by provider id (most specific)' }),
    byServiceType: priceTable('service type').meta({ description: 'Price per client by service type' }),
  })
  .meta({ description: 'Contract price per client: byProvider over byServiceType over default' })

export const feeRuleSchema = z
  .strictObject({
    currency: z
      .string()
      .regex(CURRENCY_CODE, { error: 'must be a three-letter ISO 4217 code in capitals, such as EUR' }),
    prices: pricesSchema.optional(),
    capPerClient: money
      .optional()
      .meta({ description: 'Most one client earns across the per-client components in a run' }),
    components: z
      .array(feeComponent)
      .min(1, { error: 'a fee rule needs at least one component' })
      .max(MAX_COMPONENTS, { error: `a fee rule may have at most ${MAX_COMPONENTS} components` })
      .superRefine(uniqueComponentKeys),
  })
  .superRefine((rule, ctx) => {
    rule.components.forEach((component, i) => {
      if ('share' in component && component.share !== undefined && rule.prices === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['components', i, 'share'],
          message: 'a share of the contract price needs prices on the rule',
        })
      }
    })
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
  return { path: formatPath(path), message: text }
}

// zod reports all unknown keys of an object as one issue on the object; one issue per key gives each its own path.
function toIssues(issue: z.core.$ZodIssue, input: unknown): FieldIssue[] {
  if (issue.code !== 'unrecognized_keys') return [fieldIssue(issue.path, issue.message)]
  const owner = valueAt(input, issue.path) as Record<string, unknown>
  return issue.keys.map((key) =>
    fieldIssue(
      [...issue.path, key],
      key in providerIndexFields && owner.basis === 'client'
        ? `${key} applies only to quality with basis provider`
        : `unknown field ${JSON.stringify(key)}`,
    ),
  )
}

/** What parseFeeRule may check a rule against: the programme's providers and the items its surveys score. */
/** caseMix: whether the programme has the case-mix adjustment on (a rule may then pay by the adjusted index). */
/** intake: whether the programme has an intake wave (a rule may then pay by the change from intake to exit). */
export type FeeRuleScope = {
  providerIds?: readonly string[]
  scoredItems?: readonly string[]
  caseMix?: boolean
  intake?: boolean
}

export function scopeIssues(rule: FeeRule, scope: FeeRuleScope): FieldIssue[] {
  const issues: FieldIssue[] = []
  if (scope.providerIds && rule.prices?.byProvider) {
    for (const id of Object.keys(rule.prices.byProvider)) {
      if (!scope.providerIds.includes(id)) {
        issues.push(
          fieldIssue(['prices', 'byProvider', id], `unknown price key: ${id} is not a provider of the programme`),
        )
      }
    }
  }
  if (scope.caseMix === false) {
    rule.components.forEach((component, i) => {
      if (component.type === 'quality' && component.basis === 'provider' && component.index === 'adjusted') {
        issues.push(
          fieldIssue(
            ['components', i, 'index'],
            'adjusted needs the case-mix adjustment: turn it on first (PATCH the programme with {"caseMix": true})',
          ),
        )
      }
    })
  }
  if (scope.intake === false) {
    rule.components.forEach((component, i) => {
      if (component.type === 'quality' && component.basis === 'provider' && component.index === 'change') {
        issues.push(
          fieldIssue(
            ['components', i, 'index'],
            'change needs an intake wave: turn it on first (PATCH the programme with {"intakeWindowDays": 14})',
          ),
        )
      }
    })
  }
  if (scope.scoredItems) {
    rule.components.forEach((component, i) => {
      if (component.type !== 'quality' || component.basis !== 'client') return
      const scoring = component.scoring
      if (scoring.mode === 'linear' || !scoring.items) return
      scoring.items.forEach((item, k) => {
        if (!scope.scoredItems!.includes(item)) {
          issues.push(
            fieldIssue(
              ['components', i, 'scoring', 'items', k],
              `the programme's surveys score no item ${JSON.stringify(item)}`,
            ),
          )
        }
      })
    })
  }
  return issues
}

export function parseFeeRule(
  input: unknown,
  programmeCurrency: string,
  scope: FeeRuleScope = {},
): { ok: true; rule: FeeRule } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = []
  const currency = valueAt(input, ['currency'])
  // A malformed code already gets its own issue from the schema.
  if (typeof currency === 'string' && CURRENCY_CODE.test(currency) && currency !== programmeCurrency) {
    issues.push(fieldIssue(['currency'], `must be the programme's currency ${programmeCurrency}, not ${currency}`))
  }
  const result = feeRuleSchema.safeParse(input, { error: messageFor })
  if (!result.success) issues.push(...result.error.issues.flatMap((issue) => toIssues(issue, input)))
  if (result.success) issues.push(...scopeIssues(result.data, scope))
  if (!result.success || issues.length > 0) return { ok: false, issues }
  return { ok: true, rule: result.data }
}

/** JSON Schema (draft 2020-12) of what a client may send, so defaulted fields are optional. */
export function feeRuleJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(feeRuleSchema, { io: 'input' })
}
