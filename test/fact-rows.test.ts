// Adding fact rows up (domain/fact-rows.ts): the fast grouping keys never join two different key tuples, and
// addUpByProvider adds up exactly what a grouping by JSON-encoded (provider, keys) adds up; periodParts covers a
// period's every date with exactly one bucket.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addUp,
  addUpByProvider,
  byKeys,
  type FactGroup,
  type FactMerge,
  type FactRow,
  keyPart,
  periodParts,
  providersTogether,
  withCustomerType,
} from '../src/domain/fact-rows.ts'

// Key values chosen to collide if the encoding were careless: separators, tags, numbers and their strings, null.
const keyValue = fc.oneof(
  fc.constantFrom(null, 0, 1, 12, '1', '12', '', 'a', '\u0001', 'a\u0001b', '\u0002', '\u00031', '\u0004"1"', 'null'),
  fc.integer({ min: -3, max: 3 }),
  fc.string({ maxLength: 3 }),
)
const value = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
)
// A stored row: `keys` keys, then two values.
const row = (keys: number) =>
  fc
    .tuple(fc.array(keyValue, { minLength: keys, maxLength: keys }), fc.array(value, { minLength: 2, maxLength: 2 }))
    .map(([k, v]): FactRow => [...k, ...v])
// A group as a source hands it over: no two rows with the same keys.
const group = (keys: number) =>
  fc.record({
    p: fc.constantFrom('prv_a', 'prv_b', 'prv_c'),
    ct: fc.constantFrom('company', 'jobseeker'),
    sv: fc.constantFrom('cx@1', 'cx@2', null),
    rows: fc.uniqueArray(row(keys), { maxLength: 4, selector: (r) => JSON.stringify(r.slice(0, keys)) }),
  })

describe('fact rows', () => {
  it('encode different key tuples as different keys', () => {
    fc.assert(
      fc.property(
        fc.array(keyValue, { minLength: 2, maxLength: 2 }),
        fc.array(keyValue, { minLength: 2, maxLength: 2 }),
        (a, b) => {
          const key = byKeys(0, 1)
          const same = JSON.stringify(a) === JSON.stringify(b)
          const g: FactGroup = { p: 'p', ct: 'c', sv: null, rows: [a, b], at: 0 }
          expect(key(g, a) === key(g, b)).toBe(same)
          expect(keyPart(a[0]) === keyPart(b[0])).toBe(JSON.stringify(a[0]) === JSON.stringify(b[0]))
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('add up by provider as a grouping by JSON-encoded provider and keys does, in the order rows first come', () => {
    const merges: FactMerge[] = ['sum', 'max']
    // SQL's SUM and MAX: NULL only when every part is NULL.
    const merged = (a: number | null, b: number | null, merge: FactMerge) =>
      a === null ? b : b === null ? a : merge === 'sum' ? a + b : Math.max(a, b)
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }).chain((n) => fc.tuple(fc.constant(n), fc.array(group(n), { maxLength: 12 }))),
        ([n, generated]) => {
          // As a source hands them over: each group with its place, a provider's together.
          const groups = generated.map((g, at) => ({ ...g, at }))
          const keys = Array.from({ length: n }, (_, i) => i)
          const shape = (g: FactGroup, k: FactRow, v: ReadonlyArray<number | null>) =>
            JSON.stringify([g.p, ...keys.map((i) => k[i]), ...v])
          const byCustomerType = (g: FactGroup, k: FactRow, v: ReadonlyArray<number | null>) =>
            JSON.stringify([g.p, g.ct, ...keys.map((i) => k[i]), ...v])
          const rows = { keys: n, groups: providersTogether(groups).map((at) => groups[at]!) }
          const fast = addUpByProvider(rows, byKeys(...keys), merges, shape)
          // The reference: every row on its own, grouped by the JSON of provider and keys.
          const reference = new Map<string, Array<number | null>>()
          for (const g of groups)
            for (const r of g.rows) {
              const key = JSON.stringify([g.p, ...r.slice(0, n)])
              const v = r.slice(n) as Array<number | null>
              const sum = reference.get(key)
              reference.set(key, sum === undefined ? v : sum.map((x, i) => merged(x, v[i]!, merges[i]!)))
            }
          const expected = [...reference].map(([key, v]) => JSON.stringify([...JSON.parse(key), ...v]))
          // Providers in the order of their first row in the groups as generated, each one's keys in theirs.
          const firstRow = groups.filter((g) => g.rows.length > 0).map((g) => g.p)
          const providerOf = (x: string) => firstRow.indexOf(JSON.parse(x)[0])
          expect(fast).toEqual([...expected].sort((a, b) => providerOf(a) - providerOf(b)))
          // With the customer type in the key, also where a provider's groups have nothing to add up.
          const byType = new Map<string, Array<number | null>>()
          for (const g of groups)
            for (const r of g.rows) {
              const key = JSON.stringify([g.p, g.ct, ...r.slice(0, n)])
              const v = r.slice(n) as Array<number | null>
              const sum = byType.get(key)
              byType.set(key, sum === undefined ? v : sum.map((x, i) => merged(x, v[i]!, merges[i]!)))
            }
          const expectedByType = [...byType]
            .map(([key, v]) => JSON.stringify([...JSON.parse(key), ...v]))
            .sort((a, b) => providerOf(a) - providerOf(b))
          expect(addUpByProvider(rows, withCustomerType(n), merges, byCustomerType)).toEqual(expectedByType)
          // addUp adds every row in the order generated, whatever order the groups come in.
          expect(addUp(rows, (g, r) => JSON.stringify([g.p, ...r.slice(0, n)]), merges, shape)).toEqual(expected)
          // A row's values are never changed by adding it up with others.
          const before = JSON.stringify(groups)
          addUpByProvider(rows, byKeys(...keys), merges, shape)
          expect(JSON.stringify(groups)).toBe(before)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('refuse a provider whose groups come apart', () => {
    const group = (p: string): FactGroup => ({ p, ct: 'company', sv: null, rows: [['a', 1]], at: 0 })
    const add = (groups: FactGroup[]) =>
      addUpByProvider({ keys: 1, groups }, byKeys(0), ['sum'], (g, _k, v) => [g.p, v[0]])
    expect(add([group('prv_a'), group('prv_a'), group('prv_b')])).toEqual([
      ['prv_a', 2],
      ['prv_b', 1],
    ])
    expect(() => add([group('prv_a'), group('prv_b'), group('prv_a')])).toThrow('provider prv_a came apart')
  })

  it('split a period into years, months and days that cover each of its dates once', () => {
    const day = fc
      .integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 11, 31) })
      .map((t) => new Date(t).toISOString().slice(0, 10))
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a]
        const parts = periodParts(from, to)
        const covered: string[] = []
        for (let t = Date.parse(from); t <= Date.parse(to); t += 86_400_000) {
          const date = new Date(t).toISOString().slice(0, 10)
          const owners = [...parts.years, ...parts.months, ...parts.days].filter((p) => date.startsWith(p))
          expect(owners, date).toHaveLength(1)
          covered.push(owners[0]!)
        }
        // Nothing outside the period, and a month or year only where all of it is inside.
        expect(new Set(covered)).toEqual(new Set([...parts.years, ...parts.months, ...parts.days]))
        for (const p of [...parts.years, ...parts.months])
          expect(covered.filter((c) => c === p)).toHaveLength(
            p.length === 4
              ? Number(p) % 4 === 0
                ? 366
                : 365
              : new Date(Date.UTC(Number(p.slice(0, 4)), Number(p.slice(5)), 0)).getUTCDate(),
          )
      }),
      { numRuns: 300 },
    )
  })
})
