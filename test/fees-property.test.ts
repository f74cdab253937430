import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { FeeComponent, FeeRule } from '../src/domain/fee-rule.ts'
import { toCents } from '../src/domain/fee-rule.ts'
import { largestRemainder } from '../src/domain/fees/pool.ts'
import type { FeeClient, FeeInputs, FeeProvider, ProviderStatement, Statement } from '../src/domain/fees.ts'
import {
  assembleStatement,
  computeStatement,
  feeContext,
  formatCents,
  providerStatement,
  summariseProvider,
} from '../src/domain/fees.ts'
import { parseFeeRule } from '../src/schemas/fee-rule.ts'

const EUR = 'EUR'
const PROVIDER_IDS = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']
const OUTCOMES = ['plan', 'recruitment', 'placement']

const money = fc
  .oneof(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 1_000_000_000 }))
  .map((cents) => cents / 100)
const rate = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 100 }).map((p) => p / 100),
)
const index = fc.integer({ min: 0, max: 100 })

/** Indices as surveys produce them: means of four-point items, plus arbitrary doubles and whole numbers. */
const qualityIndex = fc.oneof(
  fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 8 }).map((points) => {
    let sum = 0
    for (const p of points) sum += (p / 3) * 100
    return sum / points.length
  }),
  fc.double({ min: 0, max: 100, noNaN: true }),
  index,
)

const steps = fc.uniqueArray(index, { minLength: 1, maxLength: 4 }).chain((minIndices) =>
  fc
    .array(fc.integer({ min: 0, max: 100 }), { minLength: minIndices.length, maxLength: minIndices.length })
    .map((shares) => {
      const desc = (a: number, b: number) => b - a
      const sortedShares = shares.sort(desc)
      return minIndices.sort(desc).map((minIndex, i) => ({ minIndex, share: sortedShares[i] / 100 }))
    }),
)

const achievement = fc
  .uniqueArray(index, { minLength: 2, maxLength: 2 })
  .map(([a, b]) => ({ mode: 'achievement', threshold: Math.min(a, b), benchmark: Math.max(a, b) }))

const component = fc.oneof(
  fc.record({ type: fc.constant('base'), perClient: money }),
  fc.record(
    {
      type: fc.constant('result'),
      outcome: fc.constantFrom(...OUTCOMES),
      perClient: money,
      byRiskClass: fc.dictionary(fc.constantFrom('A', 'B', 'C'), money, { minKeys: 1 }),
    },
    { requiredKeys: ['type', 'outcome', 'perClient'] },
  ),
  fc.record({
    type: fc.constant('quality'),
    basis: fc.constant('client'),
    perClientMax: money,
    scoring: fc.oneof(
      fc.constant({ mode: 'linear' }),
      fc.constant({ mode: 'allTop' }),
      steps.map((s) => ({ mode: 'steps', steps: s })),
    ),
    nonResponse: fc.constantFrom('zero', 'providerMean'),
    minResponseRate: rate,
  }),
  fc.record({
    type: fc.constant('quality'),
    basis: fc.constant('provider'),
    perClientMax: money,
    scoring: fc.oneof(
      fc.constant({ mode: 'linear' }),
      steps.map((s) => ({ mode: 'steps', steps: s })),
      achievement,
      fc.constant({ mode: 'valueBased', baseline: { from: '2024-01-01', to: '2024-12-31' } }),
    ),
    minResponseRate: rate,
    nonResponse: fc.constantFrom('zero', 'respondentMean'),
    minResponses: fc.integer({ min: 0, max: 4 }),
    fewResponses: fc.constantFrom('zero', 'programmeMean'),
    index: fc.constantFrom('shrunk', 'raw'),
  }),
  fc.record({
    type: fc.constant('qualityPool'),
    amount: money,
    threshold: index,
    minResponses: fc.integer({ min: 0, max: 4 }),
    minResponseRate: rate,
    nonResponse: fc.constantFrom('zero', 'respondentMean'),
  }),
)

const rule = fc.array(component, { minLength: 1, maxLength: 5 }).map((components): FeeRule => {
  const parsed = parseFeeRule({ currency: EUR, components }, EUR)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
  return parsed.rule
})

const response = fc.option(
  fc.oneof(
    fc.record({ qualityIndex: fc.option(qualityIndex), allTop: fc.constant(false) }),
    fc.constant({ qualityIndex: 100, allTop: true }),
  ),
)

function clientsOf(providerId: string) {
  return fc
    .uniqueArray(
      fc.record({
        externalRef: fc.stringMatching(/^[a-e]{1,2}$/),
        riskClass: fc.constantFrom(null, 'A', 'B', 'C', 'D'),
        outcomeTypes: fc.subarray(OUTCOMES),
        response,
      }),
      { selector: (c) => c.externalRef, maxLength: 8 },
    )
    .map((clients): FeeClient[] =>
      clients.map(({ outcomeTypes, ...c }) => ({
        ...c,
        episodeId: `${providerId}-${c.externalRef}`,
        serviceType: null,
        startedOn: '2027-01-10',
        endedOn: '2027-02-15',
        outcomes: outcomeTypes.map((type) => ({ type, occurredOn: '2027-03-01', value: null })),
      })),
    )
}

const providers = fc.subarray(PROVIDER_IDS).chain((ids) =>
  fc
    .tuple(
      ...ids.map((providerId) =>
        fc.record({
          providerId: fc.constant(providerId),
          name: fc.constant(`Provider ${providerId}`),
          clients: clientsOf(providerId),
          // Closed invitations beyond the completed ones (declined or expired): completed <= invited.
          moreInvited: fc.integer({ min: 0, max: 20 }),
        }),
      ),
    )
    .map((list): FeeProvider[] =>
      list.map(({ moreInvited, ...p }) => {
        const completed = p.clients.filter((c) => c.response !== null).length
        return { ...p, completed, invited: completed + moreInvited }
      }),
    ),
)

const baseline = fc
  .subarray(PROVIDER_IDS)
  .chain((ids) =>
    fc.tuple(
      ...ids.map((providerId) =>
        fc.record({ providerId: fc.constant(providerId), q: fc.option(qualityIndex), n: fc.nat(50) }),
      ),
    ),
  )

const feeInputs = fc.record({ currency: fc.constant(EUR), providers, baseline: fc.record({ providers: baseline }) })

function maxLineCents(component: FeeComponent, clients: number): number {
  switch (component.type) {
    case 'base':
      return toCents(component.perClient ?? 0)
    case 'result':
      return Math.max(toCents(component.perClient ?? 0), ...Object.values(component.byRiskClass ?? {}).map(toCents))
    case 'quality':
      return toCents(component.perClientMax ?? 0) * (component.basis === 'client' ? 1 : clients)
    case 'qualityPool':
      return toCents(component.amount)
    default:
      return Number.POSITIVE_INFINITY
  }
}

/** A seeded Fisher-Yates shuffle, so a failing case replays exactly. */
function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items]
  let state = seed
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648
    const j = state % (i + 1)
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size))
}

const withoutLines = (p: ProviderStatement): ProviderStatement => ({ ...p, lines: [] })

const amounts = (s: Statement) => ({
  unallocatedCents: s.unallocatedCents,
  totalCents: s.totalCents,
  providers: s.providers.map((p) => [p.providerId, p.totalCents, ...p.components.map((c) => c.amountCents)]),
})

describe('fee engine properties', () => {
  it('keeps every line within 0 and its maximum, and every provider-level component in one line', () => {
    fc.assert(
      fc.property(rule, feeInputs, (r, data) => {
        for (const p of computeStatement(r, data).providers) {
          r.components.forEach((component, i) => {
            const lines = p.lines.filter((l) => l.component === i)
            const perClient =
              component.type === 'base' ||
              component.type === 'result' ||
              (component.type === 'quality' && component.basis === 'client')
            expect(lines).toHaveLength(perClient ? p.clients : 1)
            for (const line of lines) {
              expect(Number.isSafeInteger(line.amountCents)).toBe(true)
              expect(line.amountCents).toBeGreaterThanOrEqual(0)
              expect(line.amountCents).toBeLessThanOrEqual(maxLineCents(component, p.clients))
            }
          })
        }
      }),
    )
  })

  it('makes components the sum of their lines and totals the sum of components', () => {
    fc.assert(
      fc.property(rule, feeInputs, (r, data) => {
        const statement = computeStatement(r, data)
        for (const p of statement.providers) {
          for (const c of p.components) {
            expect(c.amountCents).toBe(
              p.lines.filter((l) => l.component === c.index).reduce((s, l) => s + l.amountCents, 0),
            )
          }
          expect(p.totalCents).toBe(p.components.reduce((s, c) => s + c.amountCents, 0))
          expect(p.totalCents).toBe(p.lines.reduce((s, l) => s + l.amountCents, 0))
        }
        expect(statement.totalCents).toBe(statement.providers.reduce((s, p) => s + p.totalCents, 0))
      }),
    )
  })

  it('pays out every pool exactly: shares plus unallocated equal the amount', () => {
    fc.assert(
      fc.property(rule, feeInputs, (r, data) => {
        const statement = computeStatement(r, data)
        let pools = 0
        let paid = 0
        r.components.forEach((component, i) => {
          if (component.type !== 'qualityPool') return
          const poolCents = toCents(component.amount)
          const shares = statement.providers.map((p) => p.components[i].amountCents)
          const allocated = shares.reduce((s, a) => s + a, 0)
          pools += poolCents
          paid += allocated
          // Proportional shares among the qualifiers leave nothing over unless nobody qualifies.
          if (statement.providers.length > 0) {
            const unallocated = statement.providers[0].components[i].details?.unallocatedCents
            expect(allocated + Number(unallocated)).toBe(poolCents)
            expect([0, poolCents]).toContain(unallocated)
          }
        })
        expect(paid + statement.unallocatedCents).toBe(pools)
      }),
    )
  })

  it('does not depend on the order of providers, clients or baseline rows', () => {
    fc.assert(
      fc.property(rule, feeInputs, fc.nat(), (r, data, seed) => {
        const shuffled: FeeInputs = {
          currency: data.currency,
          providers: shuffle(data.providers, seed).map((p, i) => ({ ...p, clients: shuffle(p.clients, seed + i + 1) })),
          baseline: { providers: shuffle(data.baseline.providers, seed + 7) },
        }
        expect(computeStatement(r, shuffled)).toEqual(computeStatement(r, data))
      }),
    )
  })

  it('gives the same statement through summaries and chunks of providers in any order, lines dropped', () => {
    fc.assert(
      fc.property(rule, feeInputs, fc.integer({ min: 1, max: 4 }), fc.nat(), (r, data, size, seed) => {
        const whole = computeStatement(r, data)
        const byId = new Map(whole.providers.map((p) => [p.providerId, p]))
        const context = feeContext(
          r,
          data.currency,
          shuffle(data.providers, seed).map(summariseProvider),
          data.baseline,
        )
        const kept: ProviderStatement[] = []
        for (const chunk of chunks(shuffle(data.providers, seed + 1), size)) {
          const statements = chunk.map((p) => providerStatement(context, p))
          for (const statement of statements) expect(statement).toEqual(byId.get(statement.providerId))
          kept.push(...statements.map(withoutLines))
        }
        expect(assembleStatement(context, kept)).toEqual({ ...whole, providers: whole.providers.map(withoutLines) })
      }),
    )
  })

  it('pays the same when the database adds the quality sums in another order', () => {
    fc.assert(
      fc.property(rule, feeInputs, fc.nat(), (r, data, seed) => {
        const summaries = data.providers.map((p, i) => ({
          ...summariseProvider(p),
          qualitySum: shuffle(p.clients, seed + i).reduce((sum, c) => sum + (c.response?.qualityIndex ?? 0), 0),
        }))
        const context = feeContext(r, data.currency, summaries, data.baseline)
        const statement = assembleStatement(
          context,
          data.providers.map((p) => providerStatement(context, p)),
        )
        expect(amounts(statement)).toEqual(amounts(computeStatement(r, data)))
      }),
    )
  })

  it('largestRemainder splits exactly, each part the floor or ceiling of its quota', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.uniqueArray(
          fc.record({ id: fc.string({ maxLength: 3 }), weight: fc.double({ min: 1e-6, max: 1e6, noNaN: true }) }),
          {
            selector: (c) => c.id,
            minLength: 1,
            maxLength: 8,
          },
        ),
        (total, claims) => {
          const parts = largestRemainder(total, claims)
          expect(parts.reduce((s, p) => s + p, 0)).toBe(total)
          const weight = claims.reduce((s, c) => s + c.weight, 0)
          parts.forEach((part, i) => {
            const quota = (total * claims[i].weight) / weight
            expect(part).toBeGreaterThanOrEqual(Math.floor(quota - 1e-6))
            expect(part).toBeLessThanOrEqual(Math.ceil(quota + 1e-6))
          })
        },
      ),
    )
  })

  it('formatCents writes every whole number of cents so that it reads back', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        const text = formatCents(cents)
        expect(text).toMatch(/^-?\d+\.\d\d$/)
        expect(Math.round(Number(text) * 100)).toBe(cents)
      }),
    )
  })
})
