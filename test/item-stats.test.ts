import { describe, expect, it } from 'vitest'
import { type AlphaSums, cronbachAlphaFromSums, itemDistribution } from '../src/domain/item-stats.ts'

describe('itemDistribution', () => {
  it('counts answers per position and the cannot-say and missing shares', () => {
    // 10 completed responses: positions 1,2,2,3,3,3,4,4 (8 answered), one "cannot say", one left blank.
    const d = itemDistribution({
      item: 'useful',
      points: 4,
      completed: 10,
      positions: [
        { position: 3, count: 3 },
        { position: null, count: 1 },
        { position: 1, count: 1 },
        { position: 2, count: 2 },
        { position: 4, count: 2 },
      ],
    })
    expect(d).toEqual({
      item: 'useful',
      points: 4,
      counts: [1, 2, 3, 2],
      answered: 8,
      cannotSay: 1,
      missing: 1, // 10 - 8 - 1
      cannotSayShare: 0.1, // 1 / 10
      nonResponseShare: 0.1, // 1 / 10
    })
  })

  it('has zero counts for positions nobody chose and no shares without completions', () => {
    expect(itemDistribution({ item: 'x', points: 3, completed: 0, positions: [] })).toEqual({
      item: 'x',
      points: 3,
      counts: [0, 0, 0],
      answered: 0,
      cannotSay: 0,
      missing: 0,
      cannotSayShare: null,
      nonResponseShare: null,
    })
  })

  it('rejects positions off the scale and more answers than responses', () => {
    expect(() =>
      itemDistribution({ item: 'x', points: 4, completed: 5, positions: [{ position: 5, count: 1 }] }),
    ).toThrow(RangeError)
    expect(() =>
      itemDistribution({ item: 'x', points: 4, completed: 1, positions: [{ position: 2, count: 2 }] }),
    ).toThrow(RangeError)
  })
})

/** The sums SQL would produce from complete cases given as rows of item values. */
function sumsOf(rows: number[][]): AlphaSums {
  const k = rows[0]?.length ?? 0
  const s: AlphaSums = { n: rows.length, itemSums: [], itemSumSquares: [], totalSum: 0, totalSumSquares: 0 }
  const itemSums = new Array<number>(k).fill(0)
  const itemSumSquares = new Array<number>(k).fill(0)
  for (const row of rows) {
    const total = row.reduce((a, b) => a + b, 0)
    row.forEach((v, i) => {
      itemSums[i] += v
      itemSumSquares[i] += v * v
    })
    s.totalSum += total
    s.totalSumSquares += total * total
  }
  return { ...s, itemSums, itemSumSquares }
}

describe('cronbachAlphaFromSums', () => {
  // Worked example: 5 respondents, 3 items on a 1..5 scale.
  //   r1: 1 1 2 (total 4)   r2: 2 3 2 (7)   r3: 3 3 4 (10)   r4: 4 4 3 (11)   r5: 5 4 5 (14)
  // item 1: mean 3,   squared deviations 4+1+0+1+4 = 10,                   variance 10/4 = 2.5
  // item 2: mean 3,   squared deviations 4+0+0+1+1 = 6,                    variance 6/4 = 1.5
  // item 3: mean 3.2, squared deviations 1.44+1.44+0.64+0.04+3.24 = 6.8,   variance 6.8/4 = 1.7
  // total:  mean 9.2, squared deviations 27.04+4.84+0.64+3.24+23.04 = 58.8, variance 58.8/4 = 14.7
  // alpha = 3/2 * (1 - (2.5+1.5+1.7)/14.7) = 1.5 * 9/14.7 = 13.5/14.7 = 45/49 = 0.918367...
  const example = [
    [1, 1, 2],
    [2, 3, 2],
    [3, 3, 4],
    [4, 4, 3],
    [5, 4, 5],
  ]

  it('gives 45/49 for the worked example', () => {
    const sums = sumsOf(example)
    // The sums themselves, as SQL would return them.
    expect(sums).toEqual({
      n: 5,
      itemSums: [15, 15, 16],
      itemSumSquares: [55, 51, 58],
      totalSum: 46,
      totalSumSquares: 482,
    })
    expect(cronbachAlphaFromSums(sums)).toBeCloseTo(45 / 49, 12)
  })

  it('is the same in item scores 0..100 as in positions', () => {
    // Score = (position - 1) / 4 * 100 rescales every item alike, which leaves alpha unchanged.
    const scores = example.map((row) => row.map((p) => ((p - 1) / 4) * 100))
    expect(cronbachAlphaFromSums(sumsOf(scores))).toBeCloseTo(45 / 49, 9)
  })

  it('is 1 for identical items', () => {
    // Each item variance v, total variance (K^2) v: alpha = K/(K-1) * (1 - K v / K^2 v) = 1.
    expect(
      cronbachAlphaFromSums(
        sumsOf([
          [1, 1, 1, 1],
          [2, 2, 2, 2],
          [4, 4, 4, 4],
        ]),
      ),
    ).toBeCloseTo(1, 12)
  })

  it('falls to 0 and below as items stop agreeing, and is null when the total does not vary', () => {
    // (1,3), (2,1), (3,3): item variances 1 and (4/9+16/9+4/9)/2 = 4/3, sum 7/3;
    // totals 4, 3, 6: mean 13/3, variance (1/9+16/9+25/9)/2 = 7/3; alpha = 2 * (1 - (7/3)/(7/3)) = 0.
    expect(
      cronbachAlphaFromSums(
        sumsOf([
          [1, 3],
          [2, 1],
          [3, 3],
        ]),
      ),
    ).toBeCloseTo(0, 12)
    // (1,3), (2,1), (3,2): item variances 1 and 1; totals 4, 3, 5: variance 1; alpha = 2 * (1 - 2/1) = -2.
    expect(
      cronbachAlphaFromSums(
        sumsOf([
          [1, 3],
          [2, 1],
          [3, 2],
        ]),
      ),
    ).toBeCloseTo(-2, 12)
    // (1,2), (2,1): totals 3 and 3.
    expect(
      cronbachAlphaFromSums(
        sumsOf([
          [1, 2],
          [2, 1],
        ]),
      ),
    ).toBeNull()
  })

  it('is null for n < 2 or K < 2', () => {
    expect(cronbachAlphaFromSums(sumsOf([[1, 2, 3]]))).toBeNull()
    expect(cronbachAlphaFromSums(sumsOf([[1], [2], [3]]))).toBeNull()
    expect(
      cronbachAlphaFromSums({ n: 0, itemSums: [0, 0], itemSumSquares: [0, 0], totalSum: 0, totalSumSquares: 0 }),
    ).toBeNull()
  })

  it('rejects sums of different lengths', () => {
    expect(() =>
      cronbachAlphaFromSums({ n: 3, itemSums: [1, 2], itemSumSquares: [1], totalSum: 3, totalSumSquares: 5 }),
    ).toThrow(RangeError)
  })
})
