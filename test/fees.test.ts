import { describe, expect, it } from 'vitest'
import type { FeeRule } from '../src/domain/fee-rule.ts'
import { largestRemainder } from '../src/domain/fees/pool.ts'
import { achievementPoints, improvementPoints, valueBasedReference } from '../src/domain/fees/value-based.ts'
import type {
  FeeClient,
  FeeContext,
  FeeInputs,
  FeeProvider,
  ProviderStatement,
  ProviderSummary,
  Statement,
} from '../src/domain/fees.ts'
import { assembleStatement, computeStatement, feeContext, formatCents, providerStatement } from '../src/domain/fees.ts'
import { parseFeeRule } from '../src/schemas/fee-rule.ts'

const EUR = 'EUR'

function rule(...components: unknown[]): FeeRule {
  const parsed = parseFeeRule({ currency: EUR, components }, EUR)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
  return parsed.rule
}

type ClientOptions = Partial<Omit<FeeClient, 'externalRef' | 'episodeId'>> & { outcomeTypes?: string[] }

/** A client of 2027-Q1; outcomeTypes are outcomes recorded on its end day. */
function client(externalRef: string, options: ClientOptions = {}): FeeClient {
  const { outcomeTypes = [], ...rest } = options
  const endedOn = rest.endedOn ?? '2027-02-15'
  return {
    episodeId: `ep-${externalRef}`,
    externalRef,
    riskClass: null,
    serviceType: null,
    startedOn: '2027-01-10',
    endedOn,
    outcomes: outcomeTypes.map((type) => ({ type, occurredOn: endedOn, value: null })),
    response: null,
    ...rest,
  }
}

const answered = (qualityIndex: number | null, allTop = false) => ({ response: { qualityIndex, allTop } })

function provider(
  providerId: string,
  clients: FeeClient[],
  invited = clients.length,
  completed = invited,
): FeeProvider {
  return { providerId, name: `Provider ${providerId}`, clients, invited, completed }
}

function inputs(...providers: FeeProvider[]): FeeInputs {
  return { currency: EUR, providers }
}

/** Mean index of answers at 1-based positions on four-point items, computed as scoreResponse does. */
function fourPointIndex(positions: number[]): number {
  let sum = 0
  for (const p of positions) sum += ((p - 1) / 3) * 100
  return sum / positions.length
}

/** amountCents of every line, keyed "externalRef/component" (provider-level lines as "-/component"). */
function lineAmounts(statement: ProviderStatement): Record<string, number> {
  return Object.fromEntries(statement.lines.map((l) => [`${l.externalRef ?? '-'}/${l.component}`, l.amountCents]))
}

function lineReasons(statement: ProviderStatement): Record<string, string> {
  return Object.fromEntries(statement.lines.map((l) => [`${l.externalRef ?? '-'}/${l.component}`, l.reason]))
}

/**
 * The provider-level index options as they were before issue 13 (the mean over respondents, raw, no minimum),
 * for tests of a scoring mode's own arithmetic; the defaults have their own tests (fee-defaults.test.ts).
 */
const RESPONDENT_MEAN = { nonResponse: 'respondentMean', index: 'raw', minResponses: 0 }

/** A provider-level summary as the SQL aggregate gives it, written out by hand (the squares as given). */
function summary(
  providerId: string,
  clients: number,
  responses: number,
  qualitySum: number,
  invited = clients,
  completed = invited,
  qualitySumOfSquares = responses === 0 ? 0 : (qualitySum * qualitySum) / responses,
): ProviderSummary {
  return {
    providerId,
    name: `Provider ${providerId}`,
    clients,
    invited,
    completed,
    responses,
    qualitySum,
    qualitySumOfSquares,
  }
}

/** The Worker's path: one provider at a time, its lines dropped before the statement is assembled. */
function chunkedStatement(context: FeeContext, providers: FeeProvider[]): Statement {
  return assembleStatement(
    context,
    providers.map((p) => ({ ...providerStatement(context, p), lines: [] })),
  )
}

function only(statement: ReturnType<typeof computeStatement>): ProviderStatement {
  expect(statement.providers).toHaveLength(1)
  return statement.providers[0]
}

describe('formatCents', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [123450, '1234.50'],
    [-5, '-0.05'],
    [-123456, '-1234.56'],
    [100000000000, '1000000000.00'],
  ])('%s -> %s', (cents, text) => {
    expect(formatCents(cents)).toBe(text)
  })

  it('refuses fractions of a cent', () => {
    expect(() => formatCents(1.5)).toThrow(RangeError)
  })
})

describe('Pirkanmaa Kasvubuusti: 50 % base, 25 % result, 25 % quality of 2000 per client', () => {
  const components = [
    { type: 'base', perClient: 1000 },
    { type: 'result', outcome: 'growth', perClient: 500 },
  ]
  const quality = (nonResponse: string) => ({
    type: 'quality',
    basis: 'client',
    perClientMax: 500,
    scoring: { mode: 'linear' },
    nonResponse,
  })
  // c1 83.3 with growth, c2 two thirds, c3 no response with growth, c4 completed but too few items answered.
  const clients = [
    client('c1', { outcomeTypes: ['growth'], ...answered(83.3) }),
    client('c2', answered(200 / 3)),
    client('c3', { outcomeTypes: ['growth'] }),
    client('c4', answered(null)),
  ]
  const data = inputs(provider('pirkanmaa-1', clients, 4, 3))

  it('pays nothing for a non-response under nonResponse zero', () => {
    const p = only(computeStatement(rule(...components, quality('zero')), data))
    // quality: 500.00 x 0.833 = 416.50; 500.00 x 2/3 = 333.333.. -> 333.33; 0; 0
    expect(lineAmounts(p)).toEqual({
      'c1/0': 100000,
      'c1/1': 50000,
      'c1/2': 41650,
      'c2/0': 100000,
      'c2/1': 0,
      'c2/2': 33333,
      'c3/0': 100000,
      'c3/1': 50000,
      'c3/2': 0,
      'c4/0': 100000,
      'c4/1': 0,
      'c4/2': 0,
    })
    expect(p.components.map((c) => c.amountCents)).toEqual([400000, 100000, 74983])
    expect(p.totalCents).toBe(574983) // 4000.00 + 1000.00 + 749.83
    expect(p).toMatchObject({ clients: 4, responses: 2, responseRate: 0.75 })
    expect(p.qualityIndex).toBeCloseTo((83.3 + 200 / 3) / 2, 12)
    expect(lineReasons(p)).toMatchObject({
      'c1/0': 'base fee',
      'c1/1': 'growth recorded',
      'c2/1': 'no growth recorded',
      'c1/2': 'quality index 83.3 -> share 0.833',
      'c2/2': 'quality index 66.7 -> share 0.667',
      'c3/2': 'no response',
      'c4/2': 'too few scored items answered',
    })
  })

  it('pays the provider mean share for a non-response under nonResponse providerMean', () => {
    const p = only(computeStatement(rule(...components, quality('providerMean')), data))
    // mean share (0.833 + 0.6667) / 2 = 0.74983..; 500.00 x 0.74983.. = 374.9167 -> 374.92 for c3 and c4
    expect(lineAmounts(p)).toMatchObject({ 'c1/2': 41650, 'c2/2': 33333, 'c3/2': 37492, 'c4/2': 37492 })
    expect(p.components[2].amountCents).toBe(149967)
    expect(p.components[2].details).toMatchObject({ respondents: 2, clients: 4 })
    expect(p.totalCents).toBe(649967)
    expect(lineReasons(p)['c3/2']).toBe('no response: provider mean share 0.75')
    expect(lineReasons(p)['c4/2']).toBe('too few scored items answered: provider mean share 0.75')
  })

  it('pays the mean share of 0 when nobody responded', () => {
    const p = only(computeStatement(rule(quality('providerMean')), inputs(provider('p', [client('a'), client('b')]))))
    expect(p.totalCents).toBe(0)
    expect(p.components[0].details).toMatchObject({ respondents: 0, meanShare: null })
  })
})

describe('Lapland tourism pilot: up to 700 quality + 300 recruitment per client company', () => {
  const lapland = rule(
    { type: 'quality', basis: 'client', perClientMax: 700, scoring: { mode: 'linear' } },
    { type: 'result', outcome: 'recruitment', perClient: 300 },
  )

  it('pays each company at most 1000.00', () => {
    const p = only(
      computeStatement(
        lapland,
        inputs(
          provider('lapland', [
            client('x', { outcomeTypes: ['recruitment'], ...answered(100, true) }),
            client('y', answered(50)),
            client('z', { outcomeTypes: ['recruitment', 'plan'] }),
          ]),
        ),
      ),
    )
    // x: 700.00 + 300.00; y: 700.00 x 0.5 = 350.00; z: no response 0 + 300.00
    expect(lineAmounts(p)).toEqual({ 'x/0': 70000, 'x/1': 30000, 'y/0': 35000, 'y/1': 0, 'z/0': 0, 'z/1': 30000 })
    expect(p.totalCents).toBe(165000)
  })
})

describe('From sole entrepreneur to employer: 800 base, 300 plan, 1000 all top, 1200 recruitment', () => {
  const national = rule(
    { type: 'base', perClient: 800 },
    { type: 'result', outcome: 'plan', perClient: 300 },
    { type: 'quality', basis: 'client', perClientMax: 1000, scoring: { mode: 'allTop' } },
    { type: 'result', outcome: 'recruitment', perClient: 1200 },
  )

  it('pays the customer-experience fee only when every item is at the top', () => {
    const p = only(
      computeStatement(
        national,
        inputs(
          provider('national', [
            client('n1', { outcomeTypes: ['plan', 'recruitment'], ...answered(100, true) }),
            client('n2', { outcomeTypes: ['plan'], ...answered(fourPointIndex([4, 4, 4, 4, 3])) }),
            client('n3'),
            client('n4', answered(null)),
          ]),
        ),
      ),
    )
    // n1 800 + 300 + 1000 + 1200 = 3300; n2 800 + 300 = 1100; n3 800; n4 800
    expect(lineAmounts(p)).toEqual({
      'n1/0': 80000,
      'n1/1': 30000,
      'n1/2': 100000,
      'n1/3': 120000,
      'n2/0': 80000,
      'n2/1': 30000,
      'n2/2': 0,
      'n2/3': 0,
      'n3/0': 80000,
      'n3/1': 0,
      'n3/2': 0,
      'n3/3': 0,
      'n4/0': 80000,
      'n4/1': 0,
      'n4/2': 0,
      'n4/3': 0,
    })
    expect(p.components.map((c) => c.amountCents)).toEqual([320000, 60000, 100000, 120000])
    expect(p.totalCents).toBe(600000)
    expect(lineReasons(p)).toMatchObject({
      'n1/2': 'every scored item at the top -> share 1',
      'n2/2': 'not every scored item at the top -> share 0',
      'n3/2': 'no response',
      'n1/3': 'recruitment recorded',
      'n3/3': 'no recruitment recorded',
    })
  })
})

describe('Southwest Finland: 900 / 650 / 450 per placement by risk class', () => {
  const southwest = rule({
    type: 'result',
    outcome: 'placement',
    perClient: 450,
    byRiskClass: { A: 900, B: 650, C: 450 },
  })

  it('pays the amount of the client risk class, the default otherwise', () => {
    const placed = ['placement']
    const p = only(
      computeStatement(
        southwest,
        inputs(
          provider('southwest', [
            client('a1', { riskClass: 'A', outcomeTypes: placed }),
            client('a2', { riskClass: 'A' }),
            client('b1', { riskClass: 'B', outcomeTypes: placed }),
            client('c1', { riskClass: 'C', outcomeTypes: placed }),
            client('d1', { riskClass: 'D', outcomeTypes: placed }),
            client('n1', { outcomeTypes: placed }),
            client('p1', { riskClass: 'constructor', outcomeTypes: placed }),
          ]),
        ),
      ),
    )
    expect(lineAmounts(p)).toEqual({
      'a1/0': 90000,
      'a2/0': 0,
      'b1/0': 65000,
      'c1/0': 45000,
      'd1/0': 45000,
      'n1/0': 45000,
      'p1/0': 45000,
    })
    expect(p.totalCents).toBe(335000) // 900 + 650 + 450 + 3 x 450 default
    expect(lineReasons(p)).toMatchObject({
      'a1/0': 'placement recorded (risk class A)',
      'a2/0': 'no placement recorded',
      'd1/0': 'placement recorded (risk class D not in the rule: default amount)',
      'n1/0': 'placement recorded (no risk class: default amount)',
    })
    expect(p.components[0].explanation).toBe(
      'risk class A 900.00, risk class B 650.00, risk class C 450.00, otherwise 450.00 per client with a recorded placement (6 of 7 clients)',
    )
  })
})

describe('quality pool', () => {
  const pool = (amount: number, minResponses = 2) =>
    rule({ type: 'qualityPool', amount, threshold: 50, minResponses, minResponseRate: 0.3 })
  const rated = (prefix: string, ...indices: number[]) =>
    indices.map((index, i) => client(`${prefix}${i}`, answered(index)))

  const threeWays = [
    provider('p-c', rated('c', 70, 70, 70)),
    provider('p-a', rated('a', 60, 80, 70)),
    provider('p-b', rated('b', 75, 65, 70)),
    provider('p-low', rated('l', 50, 50, 50)), // Q 50 is not above 50
    provider('p-few', rated('f', 100)), // 1 response < 2
    provider('p-rate', rated('r', 90, 90), 10, 2), // 20 % < 30 %
  ]
  // weights (70 - 50) x 3 = 60 each; 100000 / 3 = 33333.33 each, the cent left to p-a
  const threeWayShares = [
    ['p-a', 33334],
    ['p-b', 33333],
    ['p-c', 33333],
    ['p-few', 0],
    ['p-low', 0],
    ['p-rate', 0],
  ]

  it('splits 1000.00 three ways, the tied remainder cent to the smallest providerId, and excludes the rest', () => {
    const statement = computeStatement(pool(1000), inputs(...threeWays))
    expect(statement.providers.map((p) => [p.providerId, p.totalCents])).toEqual(threeWayShares)
    expect(statement.unallocatedCents).toBe(0)
    expect(statement.totalCents).toBe(100000)
    const reasons = Object.fromEntries(statement.providers.map((p) => [p.providerId, p.lines[0].reason]))
    expect(reasons).toEqual({
      'p-a': '(70.0 - 50) x 3 clients = weight 60 of 180',
      'p-b': '(70.0 - 50) x 3 clients = weight 60 of 180',
      'p-c': '(70.0 - 50) x 3 clients = weight 60 of 180',
      'p-few': '1 response below the minimum 2',
      'p-low': 'quality index 50.0 not above threshold 50',
      'p-rate': 'response rate 20 % below 30 %',
    })
    expect(statement.providers[0].lines[0]).toMatchObject({
      episodeId: null,
      externalRef: null,
      component: 0,
      type: 'qualityPool',
    })
  })

  it('splits the same through hand-written summaries, one provider at a time, a sum off by float noise', () => {
    const context = feeContext(pool(1000), EUR, [
      summary('p-rate', 2, 2, 180, 10, 2),
      summary('p-few', 1, 1, 100),
      summary('p-low', 3, 3, 150),
      // 210 plus one ulp, as a database adding in another order may give: still a tie, the cent still to p-a
      summary('p-c', 3, 3, 210.00000000000003),
      summary('p-b', 3, 3, 210, 3, 3, 14750),
      summary('p-a', 3, 3, 210, 3, 3, 14900),
    ])
    const statement = chunkedStatement(context, threeWays)
    expect(statement.providers.map((p) => [p.providerId, p.totalCents])).toEqual(threeWayShares)
    expect(statement).toMatchObject({ unallocatedCents: 0, totalCents: 100000 })
  })

  it('reports unallocated money through the split path with the provider lines dropped', () => {
    const context = feeContext(
      rule(
        { type: 'base', perClient: 10 },
        { type: 'qualityPool', amount: 500, threshold: 90, minResponses: 1, minResponseRate: 0 },
      ),
      EUR,
      [summary('a', 2, 2, 170, 2, 2, 14500), summary('b', 1, 0, 0)],
    )
    const statement = chunkedStatement(context, [provider('b', [client('b0')]), provider('a', rated('a', 80, 90))])
    expect(statement).toMatchObject({ unallocatedCents: 50000, totalCents: 3000 })
    expect(statement.providers.map((p) => [p.providerId, p.components.map((c) => c.amountCents), p.lines])).toEqual([
      ['a', [2000, 0], []],
      ['b', [1000, 0], []],
    ])
  })

  it('gives a tied remainder to the larger weight before the smaller providerId', () => {
    // 0.10 pool; weights 1, 11, 8 of 20: quotas 0.5, 5.5, 4 -> 0, 5, 4 and one cent left, tied at .5
    const statement = computeStatement(
      pool(0.1, 1),
      inputs(provider('a', rated('a', 51)), provider('b', rated('b', 61)), provider('c', rated('c', 54, 54))),
    )
    expect(statement.providers.map((p) => p.totalCents)).toEqual([0, 6, 4])
  })

  it('reports the whole amount as unallocated when nobody qualifies', () => {
    const rules = rule(
      { type: 'base', perClient: 10 },
      { type: 'qualityPool', amount: 500, threshold: 90, minResponses: 1, minResponseRate: 0 },
    )
    const statement = computeStatement(rules, inputs(provider('a', rated('a', 80, 90)), provider('b', [client('b0')])))
    expect(statement.unallocatedCents).toBe(50000)
    expect(statement.totalCents).toBe(3000) // base only: 3 clients x 10.00
    expect(statement.providers[0].components[1]).toMatchObject({
      amountCents: 0,
      details: { unallocatedCents: 50000, weight: 0 },
    })
    expect(statement.providers[1].lines.at(-1)?.reason).toBe('0 responses below the minimum 1')
  })

  it('largestRemainder sums exactly and follows the tie rules', () => {
    expect(
      largestRemainder(100000, [
        { id: 'b', weight: 1 },
        { id: 'a', weight: 1 },
        { id: 'c', weight: 1 },
      ]),
    ).toEqual([33333, 33334, 33333])
    expect(
      largestRemainder(10, [
        { id: 'a', weight: 1 },
        { id: 'b', weight: 11 },
        { id: 'c', weight: 8 },
      ]),
    ).toEqual([0, 6, 4])
    expect(
      largestRemainder(7, [
        { id: 'x', weight: 0.1 },
        { id: 'y', weight: 0.2 },
      ]),
    ).toEqual([2, 5])
  })
})

describe('response-rate gate', () => {
  const clientQuality = {
    type: 'quality',
    basis: 'client',
    perClientMax: 100,
    scoring: { mode: 'linear' },
    minResponseRate: 0.3,
  }
  const providerQuality = {
    type: 'quality',
    basis: 'provider',
    perClientMax: 100,
    scoring: { mode: 'linear' },
    minResponseRate: 0.3,
    ...RESPONDENT_MEAN,
  }
  const clients = [client('a', answered(80)), client('b', answered(60))]

  it('pays 0 under client basis and says why on every line', () => {
    const p = only(computeStatement(rule(clientQuality), inputs(provider('p', clients, 50, 11))))
    expect(p.responseRate).toBe(0.22)
    expect(p.lines.map((l) => [l.externalRef, l.amountCents, l.reason])).toEqual([
      ['a', 0, 'response rate 22 % below 30 %'],
      ['b', 0, 'response rate 22 % below 30 %'],
    ])
    expect(p.components[0].explanation).toBe(
      'up to 100.00 per client by quality index / 100; response rate 22 % below 30 %: no quality fee',
    )
  })

  it('pays 0 under provider basis in a single provider line', () => {
    const p = only(computeStatement(rule(providerQuality), inputs(provider('p', clients, 9, 2))))
    expect(p.lines).toEqual([
      {
        episodeId: null,
        externalRef: null,
        component: 0,
        type: 'quality',
        amountCents: 0,
        reason: 'response rate 22.2 % below 30 %',
      },
    ])
  })

  it('treats a provider without invitations as rate 0', () => {
    const p = only(computeStatement(rule(providerQuality), inputs(provider('p', [client('a'), client('b')], 0, 0))))
    expect(p.responseRate).toBeNull()
    expect(p.lines[0].reason).toBe('response rate 0 % below 30 % (no invitations sent)')
  })

  it('pays at exactly the floor and never shows a rate just under it as the floor', () => {
    // 3 / 10 = 0.3 passes: (80 + 60) / 2 = 70 -> 100.00 x 2 x 0.7 = 140.00
    expect(only(computeStatement(rule(providerQuality), inputs(provider('p', clients, 10, 3)))).totalCents).toBe(14000)
    // 2996 / 10000 = 29.96 % reads as 29.9 %
    expect(
      only(computeStatement(rule(providerQuality), inputs(provider('p', clients, 10000, 2996)))).lines[0].reason,
    ).toBe('response rate 29.9 % below 30 %')
  })
})

describe('rounding at half cents', () => {
  const linear = (perClientMax: number) =>
    rule({ type: 'quality', basis: 'client', perClientMax, scoring: { mode: 'linear' } })
  const amountFor = (perClientMax: number, index: number) =>
    only(computeStatement(linear(perClientMax), inputs(provider('p', [client('a', answered(index))])))).totalCents

  it('rounds a half cent up even when the float product lands just below it', () => {
    // four items at points 4, 3, 1, 1: (100 + 66.67 + 0 + 0) / 4 = 41.67; 25050 x 41.666.. / 100 = 10437.5 exactly
    const index = fourPointIndex([4, 3, 1, 1])
    expect((25050 * index) / 100).toBeLessThan(10437.5) // the float trap: Math.round would give 10437
    expect(amountFor(250.5, index)).toBe(10438)
    // eight items summing to 17 points above the bottom: index 70.83..; 3300 x 70.833.. / 100 = 2337.5
    expect(amountFor(33, fourPointIndex([4, 4, 4, 3, 3, 3, 2, 2]))).toBe(2338)
  })

  it('rounds exact half cents away from zero and other fractions to the nearest cent', () => {
    expect(amountFor(250, 33.33)).toBe(8333) // 25000 x 0.3333 = 8332.5
    expect(amountFor(250, 33.335)).toBe(8334) // 25000 x 0.33335 = 8333.75
    expect(amountFor(250, 33.332)).toBe(8333) // 8333.0
    expect(amountFor(0.01, 50)).toBe(1) // 0.5 cent
    expect(amountFor(0.01, 49.9)).toBe(0) // 0.499 cent
  })

  it('reaches a step at 75 with a mean computed as 74.99999999999999', () => {
    const index = fourPointIndex([4, 4, 3, 2])
    expect(index).toBeLessThan(75)
    const steps = rule({
      type: 'quality',
      basis: 'client',
      perClientMax: 200,
      scoring: { mode: 'steps', steps: [{ minIndex: 75, share: 0.5 }] },
    })
    const p = only(computeStatement(steps, inputs(provider('p', [client('a', answered(index))]))))
    expect(p.lines[0]).toMatchObject({ amountCents: 10000, reason: 'quality index 75.0 reaches step 75 -> share 0.5' })
  })
})

describe('steps', () => {
  it('pays the seed stepped client quality with refusals at the provider mean', () => {
    const stepped = rule({
      type: 'quality',
      basis: 'client',
      perClientMax: 250.5,
      scoring: {
        mode: 'steps',
        steps: [
          { minIndex: 90, share: 1 },
          { minIndex: 75, share: 0.5 },
          { minIndex: 0, share: 0 },
        ],
      },
      nonResponse: 'providerMean',
      minResponseRate: 0.5,
    })
    const p = only(
      computeStatement(
        stepped,
        inputs(
          provider(
            'p',
            [client('a', answered(95)), client('b', answered(80)), client('c', answered(60)), client('d')],
            4,
            3,
          ),
        ),
      ),
    )
    // a 250.50; b 250.50 x 0.5 = 125.25; c 0; d mean share (1 + 0.5 + 0) / 3 = 0.5 -> 125.25
    expect(lineAmounts(p)).toEqual({ 'a/0': 25050, 'b/0': 12525, 'c/0': 0, 'd/0': 12525 })
    expect(p.totalCents).toBe(50100)
    expect(lineReasons(p)).toEqual({
      'a/0': 'quality index 95.0 reaches step 90 -> share 1',
      'b/0': 'quality index 80.0 reaches step 75 -> share 0.5',
      'c/0': 'quality index 60.0 reaches step 0 -> share 0',
      'd/0': 'no response: provider mean share 0.5',
    })
  })

  it('pays stepped provider quality on the provider index', () => {
    const stepped = rule({
      type: 'quality',
      basis: 'provider',
      ...RESPONDENT_MEAN,
      perClientMax: 160,
      scoring: {
        mode: 'steps',
        steps: [
          { minIndex: 80, share: 1 },
          { minIndex: 60, share: 0.4 },
        ],
      },
    })
    const statement = computeStatement(
      stepped,
      inputs(
        provider('high', [client('h1', answered(85)), client('h2', answered(85)), client('h3')]),
        provider('mid', [client('m1', answered(70)), client('m2', answered(60))]),
        provider('low', [client('l1', answered(50))]),
        provider('none', [client('n1')]),
      ),
    )
    // high 160 x 3 x 1 = 480.00; mid Q 65 -> 160 x 2 x 0.4 = 128.00; low Q 50 -> 0; none -> 0
    expect(statement.providers.map((p) => [p.providerId, p.totalCents, p.lines[0].reason])).toEqual([
      ['high', 48000, 'quality index 85.0 reaches step 80 -> factor 1 x 3 clients x up to 160.00'],
      ['low', 0, 'quality index 50.0 below the lowest step 60 -> factor 0 x 1 client x up to 160.00'],
      ['mid', 12800, 'quality index 65.0 reaches step 60 -> factor 0.4 x 2 clients x up to 160.00'],
      ['none', 0, 'no scored responses -> factor 0 x 1 client x up to 160.00'],
    ])
  })
})

describe('achievement (Central Finland: base + up to 16 % quality)', () => {
  const central = rule(
    { type: 'base', perClient: 1000 },
    {
      type: 'quality',
      basis: 'provider',
      ...RESPONDENT_MEAN,
      perClientMax: 160,
      scoring: { mode: 'achievement', threshold: 50, benchmark: 90 },
    },
  )
  const withIndex = (id: string, clients: number, index: number) =>
    provider(
      id,
      Array.from({ length: clients }, (_, i) => client(`${id}-${i}`, answered(index))),
    )

  it('pays 0 at or below the threshold, all at or above the benchmark, linear between', () => {
    const statement = computeStatement(
      central,
      inputs(
        withIndex('a', 10, 70),
        withIndex('b', 2, 50),
        withIndex('c', 2, 45),
        withIndex('d', 4, 90),
        withIndex('e', 3, 200 / 3),
      ),
    )
    const quality = statement.providers.map((p) => [p.providerId, p.components[1].amountCents])
    expect(quality).toEqual([
      ['a', 80000], // 160 x 10 x (70 - 50) / 40 = 800.00
      ['b', 0], // at the threshold
      ['c', 0],
      ['d', 64000], // 160 x 4 x 1
      ['e', 20000], // 160 x 3 x (66.67 - 50) / 40 = 480 x 0.41667 = 200.00
    ])
    expect(statement.providers[0]).toMatchObject({
      totalCents: 1080000,
      lines: expect.arrayContaining([expect.objectContaining({ externalRef: null, amountCents: 80000 })]),
    })
    expect(statement.providers[0].components[1]).toMatchObject({
      explanation: 'quality index 70.0 between threshold 50 and benchmark 90 -> factor 0.5 x 10 clients x up to 160.00',
      details: { threshold: 50, benchmark: 90, factor: 0.5 },
    })
    expect(statement.totalCents).toBe(2100000 + 80000 + 64000 + 20000)
  })
})

describe('valueBased', () => {
  const valueBased = rule({
    type: 'quality',
    basis: 'provider',
    ...RESPONDENT_MEAN,
    perClientMax: 160,
    scoring: { mode: 'valueBased', baseline: { from: '2024-01-01', to: '2024-12-31' } },
  })
  // Baseline Q sorted: 60 65 70 72 75 [80] 85 88 90 92 95 -> AT = median 80; top ceil(11 / 10) = 2: BM = (92 + 95) / 2 = 93.5
  const baselineQ: Record<string, number | null> = {
    v1: 70,
    v2: 60,
    v3: 90,
    v5: 95,
    v6: 85,
    x1: 65,
    x2: 72,
    x3: 75,
    x4: 80,
    x5: 88,
    x6: 92,
    x7: null,
  }
  const baseline = {
    providers: Object.entries(baselineQ).map(([providerId, q]) => ({ providerId, q, n: q === null ? 0 : 20 })),
  }
  const withIndex = (id: string, index: number | null, clients = 2) =>
    provider(
      id,
      Array.from({ length: clients }, (_, i) => client(`${id}-${i}`, index === null ? {} : answered(index))),
    )

  const scored = [
    withIndex('v1', 86),
    withIndex('v2', 80.1),
    withIndex('v3', 95),
    withIndex('v4', 85, 5),
    withIndex('v5', 82),
    withIndex('v6', null),
  ]

  it('computes AT, BM and both point counts', () => {
    const statement = computeStatement(valueBased, { ...inputs(...scored), baseline })
    const byId = Object.fromEntries(statement.providers.map((p) => [p.providerId, p]))
    // v1 Q 86: achievement round(9 x 6 / 13.5 + 0.5) = round(4.5) = 5 (half up);
    //   improvement on 70: round(10 x 16 / 23.5 - 0.5) = round(6.31) = 6 -> factor 0.6; 160 x 2 x 0.6 = 192.00
    expect(byId.v1.components[0]).toMatchObject({
      amountCents: 19200,
      details: {
        qualityIndex: 86,
        achievementThreshold: 80,
        benchmark: 93.5,
        baselineIndex: 70,
        baselineResponses: 20,
        achievementPoints: 5,
        improvementPoints: 6,
        factor: 0.6,
      },
    })
    // v2 Q 80.1: achievement round(9 x 0.1 / 13.5 + 0.5) = round(0.567) = 1;
    //   improvement on 60: 10 x 20.1 / 33.5 = 6 exactly, round(5.5) = 6 (float gives 5.4999..) -> factor 0.6
    expect(byId.v2.components[0]).toMatchObject({
      amountCents: 19200,
      details: { achievementPoints: 1, improvementPoints: 6 },
    })
    // v3 Q 95 >= BM: achievement 10, improvement 9 -> factor 1; 160 x 2 = 320.00
    expect(byId.v3.components[0]).toMatchObject({
      amountCents: 32000,
      details: { achievementPoints: 10, improvementPoints: 9 },
    })
    // v4 has no baseline: achievement round(9 x 5 / 13.5 + 0.5) = round(3.83) = 4 only; 160 x 5 x 0.4 = 320.00
    expect(byId.v4.components[0]).toMatchObject({
      amountCents: 32000,
      details: { baselineIndex: null, achievementPoints: 4, improvementPoints: null },
    })
    // v5 baseline 95 >= BM: no improvement; achievement round(9 x 2 / 13.5 + 0.5) = round(1.83) = 2; 160 x 2 x 0.2 = 64.00
    expect(byId.v5.components[0]).toMatchObject({
      amountCents: 6400,
      details: { achievementPoints: 2, improvementPoints: 0 },
    })
    // v6 has no scored responses
    expect(byId.v6.components[0]).toMatchObject({
      amountCents: 0,
      details: { qualityIndex: null, achievementPoints: null },
    })
    expect(byId.v1.lines).toEqual([
      {
        episodeId: null,
        externalRef: null,
        component: 0,
        type: 'quality',
        amountCents: 19200,
        reason:
          'quality index 86.0 against achievement threshold 80.0, benchmark 93.5: achievement 5 points; improvement on baseline 70.0: 6 points -> factor 0.6 x 2 clients x up to 160.00',
        // Its thresholds: AT 80, BM 93.5 and its own baseline 70 (fee-confidence.test.ts has the figures).
        confidence: expect.objectContaining({
          thresholds: [
            expect.objectContaining({ threshold: 70 }),
            expect.objectContaining({ threshold: 80 }),
            expect.objectContaining({ threshold: 93.5 }),
          ],
        }),
      },
    ])
  })

  it('pays the same through hand-written summaries, one provider at a time', () => {
    const summaries = [
      summary('v1', 2, 2, 172),
      summary('v2', 2, 2, 160.2),
      summary('v3', 2, 2, 190),
      summary('v4', 5, 5, 425),
      summary('v5', 2, 2, 164),
      summary('v6', 2, 0, 0),
    ]
    const statement = chunkedStatement(feeContext(valueBased, EUR, summaries, baseline), [...scored].reverse())
    // the amounts of the test above: v1 and v2 factor 0.6, v3 1, v4 0.4 x 5 clients, v5 0.2, v6 no responses
    expect(statement.providers.map((p) => [p.providerId, p.totalCents])).toEqual([
      ['v1', 19200],
      ['v2', 19200],
      ['v3', 32000],
      ['v4', 32000],
      ['v5', 6400],
      ['v6', 0],
    ])
    expect(statement.providers[1].components[0].details).toMatchObject({
      achievementThreshold: 80,
      benchmark: 93.5,
      achievementPoints: 1,
      improvementPoints: 6,
    })
    expect(statement.totalCents).toBe(108800)
  })

  it('pays 0 without baseline data', () => {
    const p = only(computeStatement(valueBased, inputs(withIndex('v1', 86))))
    expect(p.components[0]).toMatchObject({
      amountCents: 0,
      explanation: 'no provider quality index in the baseline period -> factor 0 x 2 clients x up to 160.00',
    })
  })

  it('takes the median of an even count and at least one provider as the top decile', () => {
    expect(valueBasedReference([60, 90, 70, 80].map((q, i) => ({ providerId: `p${i}`, q, n: 5 })))).toEqual({
      achievementThreshold: 75,
      benchmark: 90,
    })
    expect(valueBasedReference([{ providerId: 'p', q: null, n: 0 }])).toBeNull()
  })

  it('scores the point boundaries', () => {
    const reference = { achievementThreshold: 80, benchmark: 93.5 }
    expect(achievementPoints(79.9, reference)).toBe(0)
    expect(achievementPoints(80, reference)).toBe(1) // round(0.5)
    expect(achievementPoints(93.4, reference)).toBe(9)
    expect(achievementPoints(93.5, reference)).toBe(10)
    expect(improvementPoints(70, 70, 93.5)).toBe(0)
    expect(improvementPoints(70.1, 70, 93.5)).toBe(0) // round(0.043 - 0.5) = 0
    expect(improvementPoints(93.4, 70, 93.5)).toBe(9) // round(9.96 - 0.5) = round(9.46) = 9
    expect(improvementPoints(94, 70, 93.5)).toBe(9)
    expect(improvementPoints(94, 93.5, 93.5)).toBe(0)
  })
})

describe('statement', () => {
  it('sorts providers by id and lines by externalRef, then component, provider lines last', () => {
    const rules = rule(
      { type: 'base', perClient: 1 },
      { type: 'quality', basis: 'provider', perClientMax: 1, scoring: { mode: 'linear' } },
      { type: 'result', outcome: 'plan', perClient: 1 },
    )
    const statement = computeStatement(rules, inputs(provider('b', [client('z'), client('y')]), provider('a', [])))
    expect(statement.providers.map((p) => p.providerId)).toEqual(['a', 'b'])
    expect(statement.providers[1].lines.map((l) => `${l.externalRef}/${l.component}`)).toEqual([
      'y/0',
      'y/2',
      'z/0',
      'z/2',
      'null/1',
    ])
    expect(statement.providers[0]).toMatchObject({
      clients: 0,
      responses: 0,
      responseRate: null,
      qualityIndex: null,
      totalCents: 0,
    })
  })

  it('refuses inputs in another currency and duplicate providers', () => {
    const rules = rule({ type: 'base', perClient: 1 })
    expect(() => computeStatement(rules, { currency: 'SEK', providers: [] })).toThrow(/EUR but the inputs are in SEK/)
    expect(() => computeStatement(rules, inputs(provider('a', []), provider('a', [])))).toThrow(/appears twice/)
  })
})

describe('split path checks', () => {
  const base = rule({ type: 'base', perClient: 1 })
  const loaded = provider('p', [client('a', answered(80)), client('b', answered(60)), client('c')], 4, 3)
  const context = (...summaries: ProviderSummary[]) => feeContext(base, EUR, summaries)

  it('accepts a provider that matches its summary, its quality sum within float noise', () => {
    expect(providerStatement(context(summary('p', 3, 2, 140 + 1e-12, 4, 3, 10000)), loaded)).toMatchObject({
      clients: 3,
      responses: 2,
      totalCents: 300,
    })
  })

  it('refuses a provider missing from the context', () => {
    expect(() => providerStatement(context(summary('q', 3, 2, 140, 4, 3)), loaded)).toThrow(
      'provider p is not in the fee context',
    )
  })

  it.each([
    [{ clients: 4 }, 'provider p: clients 3 loaded but 4 in its summary'],
    [{ responses: 3 }, 'provider p: responses 2 loaded but 3 in its summary'],
    [{ invited: 5 }, 'provider p: invited 4 loaded but 5 in its summary'],
    [{ qualitySum: 140.01 }, 'provider p: quality sum 140 loaded but 140.01 in its summary'],
    [{ qualitySumOfSquares: 9800 }, 'provider p: quality sum of squares 10000 loaded but 9800 in its summary'],
  ])('refuses clients that disagree with their summary: %o', (change, message) => {
    expect(() => providerStatement(context({ ...summary('p', 3, 2, 140, 4, 3, 10000), ...change }), loaded)).toThrow(
      message,
    )
  })

  it('refuses summaries that are not counts, and providers twice in the summaries or the baseline', () => {
    const sqlNull = { ...summary('p', 0, 0, 0), qualitySum: null as unknown as number }
    expect(() => context(sqlNull)).toThrow('provider p: qualitySum null is not a number')
    expect(() => context(summary('p', 2.5, 0, 0))).toThrow('provider p: clients 2.5 is not a count')
    expect(() => context(summary('p', 2, 2, 100, 2, 1))).toThrow(
      'provider p: responses 2 <= completed 1 <= invited 2 does not hold',
    )
    expect(() => context(summary('p', 1, 0, 0), summary('p', 1, 0, 0))).toThrow(
      'provider p appears twice in the provider summaries',
    )
    const twice = {
      providers: [
        { providerId: 'p', q: 70, n: 5 },
        { providerId: 'p', q: 80, n: 5 },
      ],
    }
    expect(() => feeContext(base, EUR, [], twice)).toThrow('provider p appears twice in the baseline')
  })

  it('assembles only every provider of the context exactly once', () => {
    const both = context(summary('p', 3, 2, 140, 4, 3, 10000), summary('q', 0, 0, 0))
    const p = providerStatement(both, loaded)
    const q = providerStatement(both, provider('q', []))
    expect(assembleStatement(both, [q, p]).providers.map((s) => s.providerId)).toEqual(['p', 'q'])
    expect(() => assembleStatement(both, [p])).toThrow('provider q has no provider statement')
    expect(() => assembleStatement(both, [p, q, p])).toThrow('provider p appears twice in the provider statements')
    expect(() => assembleStatement(context(summary('q', 0, 0, 0)), [q, p])).toThrow(
      'provider p is not in the fee context',
    )
  })
})
