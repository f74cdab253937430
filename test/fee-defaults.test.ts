// Issue 13, "no reward for suppression, by default": the suppression probe in every mode, the provider index
// on closed invitations, minResponses and fewResponses, the shrunk index, the suppression sensitivity under
// the options that still pay for suppression, and the property that under every template and every mode with
// default settings turning a response into a non-response never raises the provider's fee.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { FeeRule } from '../src/domain/fee-rule.ts'
import { storedFeeRule } from '../src/domain/fee-rule.ts'
import { feeRuleTemplates } from '../src/domain/fee-rule-templates.ts'
import { baselineIndices, providerIndex } from '../src/domain/fees/fee-index.ts'
import type { FeeClient, FeeInputs, FeeProvider, FeeResponse, ProviderSummary } from '../src/domain/fees.ts'
import { computeStatement, summariseProvider } from '../src/domain/fees.ts'
import { empiricalPriorWeight } from '../src/domain/quality-stats.ts'
import { parseFeeRule } from '../src/schemas/fee-rule.ts'

const EUR = 'EUR'
const Q1 = { from: '2027-01-01', to: '2027-03-31' }
const ITEMS = ['need_clarity', 'employer_obligations', 'recruitment_plan', 'candidate_channels', 'recruitment_decision']

function parsed(input: unknown): FeeRule {
  const result = parseFeeRule(input, EUR)
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.rule
}

const rule = (...components: unknown[]) => parsed({ currency: EUR, components })

function client(externalRef: string, qualityIndex: number | null | undefined): FeeClient {
  return {
    episodeId: `ep-${externalRef}`,
    externalRef,
    riskClass: null,
    serviceType: null,
    startedOn: '2027-01-10',
    endedOn: '2027-02-15',
    outcomes: [],
    response: qualityIndex === undefined ? null : { qualityIndex, allTop: qualityIndex === 100 },
  }
}

/** Every client invited and its invitation closed: answered, or declined when its index is undefined. */
function provider(providerId: string, indices: Array<number | undefined>): FeeProvider {
  const clients = indices.map((q, i) => client(`${providerId}-${String(i).padStart(2, '0')}`, q))
  const completed = clients.filter((c) => c.response !== null).length
  return { providerId, name: providerId, clients, invited: clients.length, completed }
}

// The probe: five clients, three answer 100, two answer 20, EUR 700 per client.
const PROBE = [100, 100, 100, 20, 20]
const SUPPRESSED = [100, 100, 100, undefined, undefined]
// The rest of the programme: 20 clients, 16 of them answering, so the shrunk index has somewhere to go.
const REST = Array.from({ length: 20 }, (_, i) => (i < 16 ? [40, 60, 80, 100][i % 4] : undefined))
const BASELINE = {
  providers: [
    { providerId: 'probe', q: 60, n: 12 },
    { providerId: 'rest', q: 70, n: 16 },
    { providerId: 'x1', q: 50, n: 12 },
    { providerId: 'x2', q: 80, n: 12 },
  ],
}

const steps = [
  { minIndex: 80, share: 1 },
  { minIndex: 60, share: 0.5 },
  { minIndex: 0, share: 0.1 },
]
const providerModes = {
  'provider linear': { mode: 'linear' },
  'provider steps': { mode: 'steps', steps },
  achievement: { mode: 'achievement', threshold: 40, benchmark: 90 },
  valueBased: { mode: 'valueBased', baseline: { from: '2026-01-01', to: '2026-12-31' } },
}
const clientModes = {
  'client linear': { mode: 'linear' },
  'client allTop': { mode: 'allTop' },
  'client steps': { mode: 'steps', steps },
}

/** Every mode as a component with default settings; extra options (e.g. a lower minResponses) spread in. */
function modeComponents(extra: Record<string, unknown> = {}): Array<[string, Record<string, unknown>]> {
  return [
    ...Object.entries(providerModes).map(([name, scoring]): [string, Record<string, unknown>] => [
      name,
      { type: 'quality', basis: 'provider', perClientMax: 700, scoring, ...extra },
    ]),
    ...Object.entries(clientModes).map(([name, scoring]): [string, Record<string, unknown>] => [
      name,
      { type: 'quality', basis: 'client', perClientMax: 700, scoring },
    ]),
    ['pool', { type: 'qualityPool', amount: 3500, threshold: 30, minResponseRate: 0, ...extra }],
  ]
}

function probeFee(component: Record<string, unknown>, answers: Array<number | undefined>, rest = true): number {
  const inputs: FeeInputs = {
    currency: EUR,
    providers: [provider('probe', answers), ...(rest ? [provider('rest', REST)] : [])],
    baseline: BASELINE,
  }
  const statement = computeStatement(rule(component), inputs)
  return statement.providers.find((p) => p.providerId === 'probe')!.totalCents
}

describe('the suppression probe (five clients: three answer 100, two answer 20; EUR 700 per client)', () => {
  it('paid EUR 3,500 suppressed against EUR 2,380 under the options that fill non-respondents from respondents', () => {
    const respondentMean = { nonResponse: 'respondentMean', index: 'raw', minResponses: 0 }
    const linear = { type: 'quality', basis: 'provider', perClientMax: 700, scoring: { mode: 'linear' } }
    expect(probeFee({ ...linear, ...respondentMean }, PROBE, false)).toBe(238000)
    expect(probeFee({ ...linear, ...respondentMean }, SUPPRESSED, false)).toBe(350000)
    const providerMean = { ...clientModes['client linear'] }
    const clientMean = { type: 'quality', basis: 'client', perClientMax: 700, scoring: providerMean }
    expect(probeFee({ ...clientMean, nonResponse: 'providerMean' }, PROBE, false)).toBe(238000)
    expect(probeFee({ ...clientMean, nonResponse: 'providerMean' }, SUPPRESSED, false)).toBe(350000)
  })

  it.each(modeComponents())('earns no more suppressed than with the low answers under defaults: %s', (_name, c) => {
    expect(probeFee(c, SUPPRESSED)).toBeLessThanOrEqual(probeFee(c, PROBE))
    expect(probeFee(c, SUPPRESSED, false)).toBeLessThanOrEqual(probeFee(c, PROBE, false))
  })

  it.each(modeComponents({ minResponses: 1 }))(
    'earns no more suppressed with minResponses 1 either, where the index itself decides: %s',
    (_name, c) => {
      expect(probeFee(c, SUPPRESSED)).toBeLessThanOrEqual(probeFee(c, PROBE))
      expect(probeFee(c, SUPPRESSED, false)).toBeLessThanOrEqual(probeFee(c, PROBE, false))
    },
  )

  it('pays the probe on the closed-invitation index: 68 with the low answers, 60 without them', () => {
    const linear = { type: 'quality', basis: 'provider', perClientMax: 700, scoring: { mode: 'linear' } }
    const raw = { ...linear, minResponses: 1, index: 'raw' }
    // (100 + 100 + 100 + 20 + 20) / 5 = 68 -> 5 x 700 x 0.68 = 2380.00; (100 + 100 + 100 + 0 + 0) / 5 = 60 -> 2100.00
    expect(probeFee(raw, PROBE)).toBe(238000)
    expect(probeFee(raw, SUPPRESSED)).toBe(210000)
    // the defaults: five responses are below minResponses 10, so no quality fee either way
    expect(probeFee(linear, PROBE)).toBe(0)
    expect(probeFee(linear, SUPPRESSED)).toBe(0)
  })
})

describe('rule versions stored before issue 13', () => {
  it('keep the meaning they were approved with; new versions get the defaults', () => {
    const linear = {
      type: 'quality',
      basis: 'provider',
      perClientMax: 700,
      scoring: { mode: 'linear' },
      minResponseRate: 0,
    }
    const pool = { type: 'qualityPool', amount: 3500, threshold: 30, minResponses: 1, minResponseRate: 0 }
    // as the schema of that time stored them: no nonResponse, minResponses, fewResponses or index
    const old = { currency: EUR, components: [linear, pool] } as unknown as FeeRule
    const read = storedFeeRule(old)
    expect(read.components).toEqual([
      { ...linear, nonResponse: 'respondentMean', minResponses: 0, fewResponses: 'zero', index: 'raw' },
      { ...pool, nonResponse: 'respondentMean' },
    ])
    const inputs: FeeInputs = { currency: EUR, providers: [provider('probe', PROBE)] }
    // the old index: 68 over the five respondents -> 2380.00 and the pool's 3500.00, with the sensitivity shown
    const [p] = computeStatement(read, inputs).providers
    expect(p.components.map((c) => [c.amountCents, c.suppression?.answers])).toEqual([
      [238000, 1],
      [350000, 1],
    ])
    // a version stored now carries its options and reads back unchanged
    const now = rule(linear, pool)
    expect(storedFeeRule(now)).toEqual(now)
  })
})

const sums = (p: FeeProvider): ProviderSummary => summariseProvider(p)

describe('the provider fee index', () => {
  const defaults = parsed({
    currency: EUR,
    components: [{ type: 'quality', basis: 'provider', perClientMax: 1, scoring: { mode: 'linear' } }],
  }).components[0] as Parameters<typeof providerIndex>[0]

  it('shrinks the closed-invitation index toward the rest of the programme by the Empirical Bayes k', () => {
    // 12 clients, 10 answer 90, 2 decline: raw (10 x 90 + 0 + 0) / 12 = 75 over 12 closed invitations
    const own = sums(provider('own', [...Array(10).fill(90), undefined, undefined]))
    const others = [provider('a', REST), provider('b', [...Array(12).fill(50)]), provider('c', Array(15).fill(70))].map(
      sums,
    )
    // the rest on the same base: a (16 answers summing 1120 over 20 invitations), b 600 / 12, c 1050 / 15
    const m = (1120 + 600 + 1050) / (20 + 12 + 15)
    const k = empiricalPriorWeight(
      others.map((o) => ({ n: o.invited, sum: o.qualitySum, sumOfSquares: o.qualitySumOfSquares })),
    )
    expect(k).not.toBeNull()
    const index = providerIndex(defaults, own, others)
    expect(index.value).toBeCloseTo((12 * 75 + k! * m) / (12 + k!), 10)
    expect(index.details).toMatchObject({ rawIndex: 75, base: 12, responses: 10, programmeMean: m, priorWeight: k })
    expect(index.text).toContain('raw 75.0 over 12 closed invitations, non-respondents at 0')
    // the fixed priorWeight overrides the estimate; raw leaves it as measured
    expect(providerIndex({ ...defaults, priorWeight: 5 }, own, others).value).toBeCloseTo((12 * 75 + 5 * m) / 17, 10)
    expect(providerIndex({ ...defaults, index: 'raw' }, own, others).value).toBe(75)
  })

  it('applies fewResponses below minResponses: zero (no fee) or the rest of the programme', () => {
    const own = sums(provider('own', [80, 80, 80]))
    const others = [sums(provider('a', [60, 60, 60, undefined]))]
    expect(providerIndex(defaults, own, others)).toMatchObject({
      value: null,
      text: '3 responses below the minimum 10',
    })
    expect(providerIndex({ ...defaults, fewResponses: 'programmeMean' }, own, others)).toMatchObject({
      value: 45,
      text: 'quality index 45.0 (the rest of the programme: 3 responses below the minimum 10)',
    })
  })

  it("builds a value-based baseline on the component's base and leaves out providers below minResponses", () => {
    const rows = [sums(provider('a', [...Array(10).fill(80), undefined, undefined])), sums(provider('b', [90, 90]))]
    const raw = { ...defaults, index: 'raw' as const }
    expect(baselineIndices(raw, rows)).toEqual([
      { providerId: 'a', n: 10, q: (10 * 80) / 12 },
      { providerId: 'b', n: 2, q: null },
    ])
  })
})

describe('suppression sensitivity under the options that pay for suppression', () => {
  const probe = (component: Record<string, unknown>) =>
    computeStatement(rule(component), { currency: EUR, providers: [provider('probe', PROBE), provider('rest', REST)] })
      .providers[0].components[0]

  it('shows what the lowest 10 % of answers (at least one) would gain as non-responses', () => {
    const chosen = { nonResponse: 'respondentMean', index: 'raw', minResponses: 0 }
    // one answer of 20 away: (300 + 20) / 4 = 80 -> 5 x 700 x 0.8 = 2800.00 against 2380.00
    expect(
      probe({ type: 'quality', basis: 'provider', perClientMax: 700, scoring: { mode: 'linear' }, ...chosen })
        .suppression,
    ).toEqual({ answers: 1, gainCents: 42000 })
    // client basis providerMean: the client who answered 20 would earn the others' mean share 0.8: 560.00 for 140.00
    expect(
      probe({
        type: 'quality',
        basis: 'client',
        perClientMax: 700,
        scoring: { mode: 'linear' },
        nonResponse: 'providerMean',
      }).suppression,
    ).toEqual({ answers: 1, gainCents: 42000 })
    const pool = probe({
      type: 'qualityPool',
      amount: 3500,
      threshold: 30,
      minResponses: 0,
      minResponseRate: 0,
      nonResponse: 'respondentMean',
    })
    expect(pool.suppression?.answers).toBe(1)
    expect(pool.suppression?.gainCents).toBeGreaterThan(0)
  })

  it('stays on the component under a budget, as computed before it', () => {
    const chosen = { nonResponse: 'respondentMean', index: 'raw', minResponses: 0 }
    const r = rule({ type: 'quality', basis: 'provider', perClientMax: 700, scoring: { mode: 'linear' }, ...chosen })
    const inputs: FeeInputs = { currency: EUR, providers: [provider('probe', PROBE)] }
    const [scaled] = computeStatement(r, inputs, 100000).providers
    expect(scaled.components[0]).toMatchObject({ amountCents: 100000, suppression: { answers: 1, gainCents: 42000 } })
  })

  it('is absent under the defaults, which do not pay for suppression', () => {
    for (const [, component] of modeComponents({ minResponses: 1 })) {
      expect(probe(component)).not.toHaveProperty('suppression')
    }
  })
})

// Responses as the company survey gives them: five four-point items, each answered or "cannot say".
const response: fc.Arbitrary<FeeResponse | null> = fc.option(
  fc.array(fc.option(fc.integer({ min: 1, max: 4 }), { freq: 6 }), { minLength: 5, maxLength: 5 }).map((positions) => {
    const answered = positions.filter((p) => p !== null)
    const items = Object.fromEntries(ITEMS.map((name, i) => [name, { position: positions[i], points: 4 }]))
    const qualityIndex =
      answered.length * 2 < ITEMS.length
        ? null
        : answered.reduce((s, p) => s + ((p - 1) / 3) * 100, 0) / answered.length
    return { qualityIndex, allTop: answered.length === ITEMS.length && answered.every((p) => p === 4), items }
  }),
  { freq: 4 },
)

const randomProvider = (providerId: string) =>
  fc
    .record({ responses: fc.array(response, { minLength: 1, maxLength: 16 }), moreInvited: fc.nat(3) })
    .map(({ responses, moreInvited }): FeeProvider => {
      const clients = responses.map((r, i) => ({
        ...client(`${providerId}-${String(i).padStart(2, '0')}`, undefined),
        response: r,
      }))
      const completed = clients.filter((c) => c.response !== null).length
      return { providerId, name: providerId, clients, invited: clients.length + moreInvited, completed }
    })

const programme = fc.tuple(randomProvider('r1'), randomProvider('r2'), randomProvider('r3'), fc.nat(), fc.nat())

/** The provider with one of its responses turned into a non-response (the invitation declined instead). */
function suppressOne(p: FeeProvider, pick: number): FeeProvider | null {
  const answered = p.clients.filter((c) => c.response !== null)
  if (answered.length === 0) return null
  const gone = answered[pick % answered.length]
  return {
    ...p,
    clients: p.clients.map((c) => (c === gone ? { ...c, response: null } : c)),
    completed: p.completed - 1,
  }
}

describe('property: under every template and every mode with default settings suppression never pays', () => {
  const modes: Array<[string, Record<string, unknown> | null]> = [['the template as it is', null], ...modeComponents()]
  // minResponses 10 by default: providers need ten answers for a provider-level fee, so a second run with 2 makes
  // the index itself decide as often as the gate.
  const lowMinimum: Array<[string, Record<string, unknown> | null]> = modeComponents({ minResponses: 2 })
  const cases = feeRuleTemplates.flatMap((t) => [...modes, ...lowMinimum].map(([name, c]) => ({ t, name, c })))

  it.each(cases.map((x) => [x.t.id, x.name, x] as const))('%s + %s', (_id, _name, { t, c }) => {
    const components = [...(t.rule.components as unknown[]), ...(c ? [c] : [])]
    const r = parsed({ ...t.rule, components })
    fc.assert(
      fc.property(programme, ([r1, r2, r3, whom, pick]) => {
        const providers = [...t.example.inputs.providers, r1, r2, r3]
        const inputs: FeeInputs = { ...t.example.inputs, period: Q1, providers, baseline: BASELINE }
        const i = whom % providers.length
        const fewer = suppressOne(providers[i], pick)
        if (fewer === null) return
        const before = computeStatement(r, inputs).providers.find((p) => p.providerId === providers[i].providerId)!
        const after = computeStatement(r, {
          ...inputs,
          providers: providers.map((p, k) => (k === i ? fewer : p)),
        }).providers.find((p) => p.providerId === providers[i].providerId)!
        expect(after.totalCents).toBeLessThanOrEqual(before.totalCents)
      }),
      { numRuns: 25 },
    )
  })
})

describe('fewResponses "programmeMean" (a reviewer\'s probe)', () => {
  // Ten clients all answering 30, exactly the default minimum: losing one answer drops the provider below it,
  // and it is then paid at the rest of the programme's index (56) instead of its own weighted 38.7.
  const poor = Array(10).fill(30)
  const oneLost = [...Array(9).fill(30), undefined]
  const component = {
    type: 'quality',
    basis: 'provider',
    perClientMax: 700,
    scoring: { mode: 'linear' },
    fewResponses: 'programmeMean',
  }
  const fee = (answers: Array<number | undefined>) =>
    computeStatement(rule(component), {
      currency: EUR,
      providers: [provider('poor', answers), provider('rest', REST)],
    }).providers.find((p) => p.providerId === 'poor')!.components[0]

  it('pays for losing an answer near the minimum, and so shows its suppression sensitivity', () => {
    const honest = fee(poor)
    expect(fee(oneLost).amountCents).toBeGreaterThan(honest.amountCents)
    expect(honest.suppression).toEqual({ answers: 1, gainCents: fee(oneLost).amountCents - honest.amountCents })
  })
})
