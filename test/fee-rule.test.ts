import { describe, expect, it } from 'vitest'
import { toCents } from '../src/domain/fee-rule.ts'
import { feeRuleJsonSchema, feeRuleSchema, parseFeeRule } from '../src/schemas/fee-rule.ts'

const EUR = 'EUR'

function rule(...components: unknown[]) {
  return { currency: EUR, components }
}

function issuesOf(input: unknown, currency = EUR) {
  const parsed = parseFeeRule(input, currency)
  if (parsed.ok) throw new Error(`expected rejection, got ${JSON.stringify(parsed.rule)}`)
  return parsed.issues
}

const linearQuality = { type: 'quality', basis: 'client', perClientMax: 500, scoring: { mode: 'linear' } }
const providerQuality = (scoring: unknown) => ({ type: 'quality', basis: 'provider', perClientMax: 160, scoring })
const steps = (...s: Array<[number, number]>) => ({
  mode: 'steps',
  steps: s.map(([minIndex, share]) => ({ minIndex, share })),
})

// The fee models of the seed material, written as rules.
const seedModels: Record<string, unknown> = {
  // 50 % base + 25 % results + 25 % customer-rated quality on a contract price of 2000 per client.
  'Pirkanmaa Kasvubuusti': rule(
    { type: 'base', perClient: 1000 },
    { type: 'result', outcome: 'growth', perClient: 500 },
    { type: 'quality', basis: 'client', perClientMax: 500, scoring: { mode: 'linear' }, nonResponse: 'zero' },
  ),
  // At most 1000 per client company: 700 from quality feedback, 300 from a recruitment.
  'Lapland tourism pilot': rule(
    { type: 'quality', basis: 'client', perClientMax: 700, scoring: { mode: 'linear' } },
    { type: 'result', outcome: 'recruitment', perClient: 300 },
  ),
  // 800 guidance, 300 recruitment plan, 1000 only if every usefulness item is at the top point, 1200 recruitment.
  'From sole entrepreneur to employer': rule(
    { type: 'base', perClient: 800 },
    { type: 'result', outcome: 'plan', perClient: 300 },
    { type: 'quality', basis: 'client', perClientMax: 1000, scoring: { mode: 'allTop' } },
    { type: 'result', outcome: 'recruitment', perClient: 1200 },
  ),
  // Placement lasting 3 months, tiered by long-term unemployment risk class.
  'Southwest Finland': rule({
    type: 'result',
    outcome: 'placement',
    perClient: 450,
    byRiskClass: { A: 900, B: 650, C: 450 },
  }),
  // Base fee + up to 16 % quality fee judged on the provider as a whole.
  'Central Finland': rule(
    { type: 'base', perClient: 1000 },
    {
      type: 'quality',
      basis: 'provider',
      perClientMax: 160,
      scoring: { mode: 'achievement', threshold: 50, benchmark: 90 },
    },
  ),
  // Half up front, the rest by results.
  Satakunta: rule({ type: 'base', perClient: 1000 }, { type: 'result', outcome: 'placement', perClient: 1000 }),
  // Several providers share a pool; the better ones earn more.
  'multi-provider pool': rule(
    { type: 'base', perClient: 1000 },
    { type: 'qualityPool', amount: 20000, threshold: 50, minResponses: 5, minResponseRate: 0.3 },
  ),
  'value-based against a baseline year': rule(
    { type: 'base', perClient: 900 },
    providerQuality({ mode: 'valueBased', baseline: { from: '2024-01-01', to: '2024-12-31' } }),
  ),
  'stepped client quality with refusals at the provider mean': rule(
    { type: 'base', perClient: 1000 },
    {
      type: 'quality',
      basis: 'client',
      perClientMax: 250.5,
      scoring: steps([90, 1], [75, 0.5], [0, 0]),
      nonResponse: 'providerMean',
      minResponseRate: 0.5,
    },
  ),
  'stepped provider quality': rule(providerQuality(steps([80, 1], [60, 0.4]))),
  'linear provider quality with a response-rate floor': rule({
    ...providerQuality({ mode: 'linear' }),
    minResponseRate: 0.25,
  }),
}

describe('parseFeeRule: seed models', () => {
  it.each(Object.entries(seedModels))('accepts %s', (_name, input) => {
    const parsed = parseFeeRule(input, EUR)
    expect(parsed).toMatchObject({ ok: true, rule: input as object })
  })

  it('fills the defaults of client-basis quality', () => {
    const parsed = parseFeeRule(rule(linearQuality), EUR)
    expect(parsed).toEqual({
      ok: true,
      rule: rule({ ...linearQuality, when: 'end', nonResponse: 'zero', cannotSay: 'exclude', minResponseRate: 0 }),
    })
  })

  it('gives provider-basis quality a response-rate floor of 0 and the issue 13 index defaults', () => {
    const parsed = parseFeeRule(rule(providerQuality({ mode: 'linear' })), EUR)
    const defaults = {
      cannotSay: 'exclude',
      nonResponse: 'zero',
      minResponses: 10,
      fewResponses: 'zero',
      index: 'shrunk',
    }
    expect(parsed).toEqual({
      ok: true,
      rule: rule({ ...providerQuality({ mode: 'linear' }), minResponseRate: 0, ...defaults }),
    })
  })

  it('gives the pool nonResponse zero and minResponses 10 by default, and takes the explicit options', () => {
    const pool = { type: 'qualityPool', amount: 100, threshold: 50, minResponseRate: 0 }
    expect(parseFeeRule(rule(pool), EUR)).toEqual({
      ok: true,
      rule: rule({ ...pool, minResponses: 10, nonResponse: 'zero' }),
    })
    const chosen = {
      ...providerQuality({ mode: 'linear' }),
      nonResponse: 'respondentMean',
      minResponses: 0,
      fewResponses: 'programmeMean',
      index: 'raw',
      priorWeight: 5,
    }
    expect(parseFeeRule(rule(chosen), EUR)).toEqual({
      ok: true,
      rule: rule({ ...chosen, cannotSay: 'exclude', minResponseRate: 0 }),
    })
  })

  it('accepts the boundaries of every range', () => {
    const parsed = parseFeeRule(
      rule(
        { type: 'base', perClient: 0 },
        { type: 'result', outcome: 'x', perClient: 10_000_000 },
        { ...linearQuality, minResponseRate: 1 },
        providerQuality({ mode: 'achievement', threshold: 0, benchmark: 100 }),
        providerQuality({ mode: 'valueBased', baseline: { from: '2024-02-29', to: '2024-02-29' } }),
        providerQuality(steps([100, 1], [0, 0])),
        { type: 'qualityPool', amount: 0.01, threshold: 100, minResponses: 0, minResponseRate: 0 },
      ),
      EUR,
    )
    expect(parsed.ok).toBe(true)
  })

  it('accepts up to 20 components', () => {
    expect(parseFeeRule(rule(...Array.from({ length: 20 }, () => ({ type: 'base', perClient: 1 }))), EUR).ok).toBe(true)
  })

  it.each([0.29, 0.07, 1234.5, 19.99, 0.1])('accepts the 2-decimal amount %s', (perClient) => {
    expect(parseFeeRule(rule({ type: 'base', perClient }), EUR).ok).toBe(true)
  })
})

type Rejection = [name: string, input: unknown, path: string, message: RegExp]

const rejections: Rejection[] = [
  [
    'a currency other than the programme one',
    { currency: 'SEK', components: [{ type: 'base', perClient: 1 }] },
    'currency',
    /programme's currency EUR, not SEK/,
  ],
  ['a malformed currency', { currency: 'eur', components: [{ type: 'base', perClient: 1 }] }, 'currency', /ISO 4217/],
  ['a missing currency', { components: [{ type: 'base', perClient: 1 }] }, 'currency', /is required/],
  ['no components', rule(), 'components', /at least one component/],
  [
    'more than 20 components',
    rule(...Array.from({ length: 21 }, () => ({ type: 'base', perClient: 1 }))),
    'components',
    /at most 20 components/,
  ],
  ['components that are not a list', { currency: EUR, components: {} }, 'components', /must be an array/],
  ['an unknown key on the rule', { ...rule({ type: 'base', perClient: 1 }), vat: 0.24 }, 'vat', /unknown field "vat"/],
  [
    'an unknown component type',
    rule({ type: 'bonus', perClient: 1 }),
    'components[0].type',
    /unknown type "bonus"; expected one of: base, result, quality, qualityPool/,
  ],
  ['a component without a type', rule({ perClient: 1 }), 'components[0].type', /is required; expected one of/],
  ['a component that is not an object', rule('base'), 'components[0]', /must be an object, not a string/],
  [
    'an unknown key on a component',
    rule({ type: 'base', perClient: 1, perHour: 5 }),
    'components[0].perHour',
    /unknown field "perHour"/,
  ],
  ['negative base money', rule({ type: 'base', perClient: -1 }), 'components[0].perClient', /must not be negative/],
  ['money with 3 decimals', rule({ type: 'base', perClient: 0.291 }), 'components[0].perClient', /at most 2 decimals/],
  [
    'money above the ceiling',
    rule({ type: 'base', perClient: 10_000_000.01 }),
    'components[0].perClient',
    /at most 10000000/,
  ],
  [
    'money as a string',
    rule({ type: 'base', perClient: '500' }),
    'components[0].perClient',
    /must be a number, not a string/,
  ],
  ['missing money', rule({ type: 'base' }), 'components[0].perClient', /is required/],
  ['a result without outcome', rule({ type: 'result', perClient: 1 }), 'components[0].outcome', /is required/],
  [
    'an empty outcome',
    rule({ type: 'result', outcome: '', perClient: 1 }),
    'components[0].outcome',
    /must not be empty/,
  ],
  [
    'negative result money',
    rule({ type: 'result', outcome: 'plan', perClient: -300 }),
    'components[0].perClient',
    /must not be negative/,
  ],
  [
    'a negative risk-class amount',
    rule({ type: 'result', outcome: 'placement', perClient: 450, byRiskClass: { A: 900, B: -650 } }),
    'components[0].byRiskClass.B',
    /must not be negative/,
  ],
  [
    'a risk-class amount with 3 decimals',
    rule({ type: 'result', outcome: 'placement', perClient: 450, byRiskClass: { 'class 1': 900.005 } }),
    'components[0].byRiskClass["class 1"]',
    /at most 2 decimals/,
  ],
  [
    'an empty risk-class map',
    rule({ type: 'result', outcome: 'placement', perClient: 450, byRiskClass: {} }),
    'components[0].byRiskClass',
    /at least one risk class/,
  ],
  [
    'an empty risk-class name',
    rule({ type: 'result', outcome: 'placement', perClient: 450, byRiskClass: { '': 900 } }),
    'components[0].byRiskClass[""]',
    /not a risk class name/,
  ],
  [
    'an unknown quality basis',
    rule({ ...linearQuality, basis: 'region' }),
    'components[0].basis',
    /unknown basis "region"; expected one of: client, provider/,
  ],
  [
    'quality without basis',
    rule({ type: 'quality', perClientMax: 1, scoring: { mode: 'linear' } }),
    'components[0].basis',
    /is required/,
  ],
  [
    'negative quality money',
    rule({ ...linearQuality, perClientMax: -500 }),
    'components[0].perClientMax',
    /must not be negative/,
  ],
  [
    'an unknown scoring mode',
    rule({ ...linearQuality, scoring: { mode: 'median' } }),
    'components[0].scoring.mode',
    /unknown mode "median"; expected one of: linear, allTop, steps/,
  ],
  ['scoring without mode', rule({ ...linearQuality, scoring: {} }), 'components[0].scoring.mode', /is required/],
  [
    'allTop on basis provider',
    rule(providerQuality({ mode: 'allTop' })),
    'components[0].scoring.mode',
    /"allTop" is only available with basis client/,
  ],
  [
    'achievement on basis client',
    rule({ ...linearQuality, scoring: { mode: 'achievement', threshold: 50, benchmark: 90 } }),
    'components[0].scoring.mode',
    /"achievement" is only available with basis provider/,
  ],
  [
    'valueBased on basis client',
    rule({ ...linearQuality, scoring: { mode: 'valueBased', baseline: { from: '2024-01-01', to: '2024-12-31' } } }),
    'components[0].scoring.mode',
    /"valueBased" is only available with basis provider/,
  ],
  [
    'an unknown key on scoring',
    rule({ ...linearQuality, scoring: { mode: 'linear', slope: 2 } }),
    'components[0].scoring.slope',
    /unknown field "slope"/,
  ],
  [
    'an unknown nonResponse',
    rule({ ...linearQuality, nonResponse: 'skip' }),
    'components[0].nonResponse',
    /must be one of: "zero", "providerMean"/,
  ],
  [
    'the client-basis providerMean on basis provider',
    rule({ ...providerQuality({ mode: 'linear' }), nonResponse: 'providerMean' }),
    'components[0].nonResponse',
    /must be one of: "zero", "respondentMean"/,
  ],
  [
    'minResponses on basis client',
    rule({ ...linearQuality, minResponses: 5 }),
    'components[0].minResponses',
    /minResponses applies only to quality with basis provider/,
  ],
  [
    'an unknown index',
    rule({ ...providerQuality({ mode: 'linear' }), index: 'median' }),
    'components[0].index',
    /must be one of: "shrunk", "raw"/,
  ],
  [
    'an unknown fewResponses',
    rule({ ...providerQuality({ mode: 'linear' }), fewResponses: 'mean' }),
    'components[0].fewResponses',
    /must be one of: "zero", "programmeMean"/,
  ],
  [
    'a fractional minResponses',
    rule({ ...providerQuality({ mode: 'linear' }), minResponses: 2.5 }),
    'components[0].minResponses',
    /must be a whole number/,
  ],
  [
    'a negative priorWeight',
    rule({ ...providerQuality({ mode: 'linear' }), priorWeight: -1 }),
    'components[0].priorWeight',
    /must be at least 0/,
  ],
  [
    'index on a pool (it always weighs the raw index)',
    rule({ type: 'qualityPool', amount: 1, threshold: 50, minResponseRate: 0, index: 'shrunk' }),
    'components[0].index',
    /unknown field "index"/,
  ],
  [
    'a response rate above 1',
    rule({ ...linearQuality, minResponseRate: 1.2 }),
    'components[0].minResponseRate',
    /between 0 and 1/,
  ],
  [
    'a negative response rate',
    rule({ ...providerQuality({ mode: 'linear' }), minResponseRate: -0.1 }),
    'components[0].minResponseRate',
    /between 0 and 1/,
  ],
  [
    'a share above 1',
    rule({ ...linearQuality, scoring: steps([90, 1.5]) }),
    'components[0].scoring.steps[0].share',
    /between 0 and 1/,
  ],
  [
    'a negative share',
    rule({ ...linearQuality, scoring: steps([90, 1], [50, -0.1]) }),
    'components[0].scoring.steps[1].share',
    /between 0 and 1/,
  ],
  [
    'a minIndex above 100',
    rule({ ...linearQuality, scoring: steps([101, 1]) }),
    'components[0].scoring.steps[0].minIndex',
    /between 0 and 100/,
  ],
  [
    'steps in rising order',
    rule({ ...linearQuality, scoring: steps([75, 0.5], [90, 1]) }),
    'components[0].scoring.steps[1].minIndex',
    /steps must be ordered by minIndex from highest to lowest/,
  ],
  [
    'two steps with the same minIndex',
    rule(providerQuality(steps([90, 1], [90, 0.5]))),
    'components[0].scoring.steps[1].minIndex',
    /steps must be ordered by minIndex from highest to lowest/,
  ],
  [
    'a lower step with a larger share',
    rule({ ...linearQuality, scoring: steps([90, 0.5], [75, 1]) }),
    'components[0].scoring.steps[1].share',
    /share must not grow as minIndex falls/,
  ],
  [
    'no steps',
    rule({ ...linearQuality, scoring: { mode: 'steps', steps: [] } }),
    'components[0].scoring.steps',
    /at least one step/,
  ],
  [
    'an unknown key on a step',
    rule({ ...linearQuality, scoring: { mode: 'steps', steps: [{ minIndex: 90, share: 1, bonus: 1 }] } }),
    'components[0].scoring.steps[0].bonus',
    /unknown field "bonus"/,
  ],
  [
    'threshold equal to benchmark',
    rule(providerQuality({ mode: 'achievement', threshold: 90, benchmark: 90 })),
    'components[0].scoring.benchmark',
    /benchmark must be greater than threshold/,
  ],
  [
    'threshold above benchmark',
    rule(providerQuality({ mode: 'achievement', threshold: 95, benchmark: 90 })),
    'components[0].scoring.benchmark',
    /benchmark must be greater than threshold/,
  ],
  [
    'a benchmark above 100',
    rule(providerQuality({ mode: 'achievement', threshold: 50, benchmark: 120 })),
    'components[0].scoring.benchmark',
    /between 0 and 100/,
  ],
  [
    'a date that does not exist',
    rule(providerQuality({ mode: 'valueBased', baseline: { from: '2023-02-29', to: '2023-12-31' } })),
    'components[0].scoring.baseline.from',
    /real date written YYYY-MM-DD/,
  ],
  [
    'a date in another format',
    rule(providerQuality({ mode: 'valueBased', baseline: { from: '2024-01-01', to: '31.12.2024' } })),
    'components[0].scoring.baseline.to',
    /real date written YYYY-MM-DD/,
  ],
  [
    'a baseline that ends before it starts',
    rule(providerQuality({ mode: 'valueBased', baseline: { from: '2024-12-31', to: '2024-01-01' } })),
    'components[0].scoring.baseline.to',
    /baseline.to must not be before baseline.from/,
  ],
  [
    'an unknown key on a baseline',
    rule(providerQuality({ mode: 'valueBased', baseline: { from: '2024-01-01', to: '2024-12-31', region: 'x' } })),
    'components[0].scoring.baseline.region',
    /unknown field "region"/,
  ],
  [
    'a negative pool',
    rule({ type: 'qualityPool', amount: -1, threshold: 50, minResponses: 5, minResponseRate: 0.3 }),
    'components[0].amount',
    /must not be negative/,
  ],
  [
    'a pool threshold above 100',
    rule({ type: 'qualityPool', amount: 1, threshold: 101, minResponses: 5, minResponseRate: 0.3 }),
    'components[0].threshold',
    /between 0 and 100/,
  ],
  [
    'fractional minResponses',
    rule({ type: 'qualityPool', amount: 1, threshold: 50, minResponses: 2.5, minResponseRate: 0.3 }),
    'components[0].minResponses',
    /whole number/,
  ],
  [
    'negative minResponses',
    rule({ type: 'qualityPool', amount: 1, threshold: 50, minResponses: -1, minResponseRate: 0.3 }),
    'components[0].minResponses',
    /at least 0/,
  ],
  [
    'a pool response rate above 1',
    rule({ type: 'qualityPool', amount: 1, threshold: 50, minResponses: 5, minResponseRate: 30 }),
    'components[0].minResponseRate',
    /between 0 and 1/,
  ],
  [
    'a pool without minResponseRate',
    rule({ type: 'qualityPool', amount: 1, threshold: 50, minResponses: 5 }),
    'components[0].minResponseRate',
    /is required/,
  ],
]

describe('parseFeeRule: rejections', () => {
  it.each(rejections)('rejects %s', (_name, input, path, message) => {
    expect(issuesOf(input)).toEqual([{ path, message: expect.stringMatching(message) }])
  })

  it('names the place in the path and says the problem in the message, once', () => {
    const [issue] = issuesOf(rule({ type: 'base', perClient: -1 }))
    expect(issue).toEqual({ path: 'components[0].perClient', message: 'must not be negative' })
  })

  it('reports the exact path deep inside a later component', () => {
    const input = rule(
      { type: 'base', perClient: 1 },
      { type: 'base', perClient: 1 },
      { ...linearQuality, scoring: steps([90, 1], [95, 0.5]) },
    )
    expect(issuesOf(input).map((i) => i.path)).toEqual(['components[2].scoring.steps[1].minIndex'])
  })

  it('reports every problem at once', () => {
    const input = {
      currency: 'SEK',
      components: [{ type: 'base', perClient: -1 }, providerQuality({ mode: 'allTop' })],
      extra: true,
    }
    expect(issuesOf(input).map((i) => i.path)).toEqual([
      'currency',
      'components[0].perClient',
      'components[1].scoring.mode',
      'extra',
    ])
  })

  it('names each unknown key separately', () => {
    expect(issuesOf({ ...rule({ type: 'base', perClient: 1 }), a: 1, b: 2 }).map((i) => i.path)).toEqual(['a', 'b'])
  })

  it.each([null, [], 'rule', 42])('rejects %j as a whole', (input) => {
    expect(issuesOf(input)).toEqual([{ path: '', message: expect.stringMatching(/^the fee rule must be an object/) }])
  })
})

describe('feeRuleJsonSchema', () => {
  const schema = feeRuleJsonSchema() as {
    $schema: string
    additionalProperties: boolean
    required: string[]
    properties: { components: { minItems: number; maxItems: number; items: { oneOf: unknown[] } } }
  }

  it('is a strict draft 2020-12 schema of the rule', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(schema.additionalProperties).toBe(false)
    expect(schema.required).toEqual(['currency', 'components'])
    expect(schema.properties.components).toMatchObject({ minItems: 1, maxItems: 20 })
  })

  it('offers one alternative per component type, quality split by basis', () => {
    const text = JSON.stringify(schema)
    for (const name of [
      'base',
      'result',
      'quality',
      'qualityPool',
      'linear',
      'allTop',
      'steps',
      'achievement',
      'valueBased',
      'panel',
      'lumpSum',
    ]) {
      expect(text).toContain(`"const":"${name}"`)
    }
    expect(schema.properties.components.items.oneOf).toHaveLength(6)
  })

  it('leaves defaulted fields optional for the client', () => {
    const text = JSON.stringify(schema)
    // perClientMax or share (of the contract price): the schema requires one of them, the JSON Schema neither.
    expect(text).toContain('"required":["type","basis","scoring"]')
  })

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema)
  })
})

describe('feeRuleSchema', () => {
  it('parses on its own, without a programme currency', () => {
    expect(feeRuleSchema.safeParse({ currency: 'SEK', components: [{ type: 'base', perClient: 1 }] }).success).toBe(
      true,
    )
  })
})

describe('toCents', () => {
  it.each([
    [0.29, 29],
    [1234.5, 123450],
    [0.07, 7],
    [19.99, 1999],
    [0, 0],
    [10_000_000, 1_000_000_000],
    [9_999_999.99, 999_999_999],
  ])('%s -> %s cents', (amount, cents) => {
    expect(toCents(amount)).toBe(cents)
  })

  it('is exact for every 2-decimal amount up to 10 000', () => {
    for (let cents = 0; cents <= 1_000_000; cents++) {
      if (toCents(cents / 100) !== cents) throw new Error(`toCents(${cents / 100}) is not ${cents}`)
    }
  })

  it.each([0.291, 1.005, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s instead of rounding it', (amount) => {
    expect(() => toCents(amount)).toThrow(RangeError)
  })
})
