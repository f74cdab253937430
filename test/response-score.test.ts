import { describe, expect, it } from 'vitest'
import { scoreResponse } from '../src/domain/response-score.ts'

const items = [
  { name: 'a', values: [1, 2, 3, 4], notApplicable: 'dontknow' },
  { name: 'b', values: [1, 2, 3, 4, 5], notApplicable: 'dontknow' },
  { name: 'c', values: [1, 2, 3, 4], notApplicable: null },
  { name: 'd', values: [1, 2, 3, 4], notApplicable: 'dontknow' },
]

describe('scoreResponse', () => {
  it('scores the j-th of K points as (j-1)/(K-1)*100 and leaves out "cannot say"', () => {
    // a: 3 of 4 -> 2/3*100 = 66.667; b: 5 of 5 -> 100; c: 1 of 4 -> 0; d: cannot say
    const s = scoreResponse(items, { a: 3, b: 5, c: 1, d: 'dontknow', other: 'x' })
    expect(s.scoredTotal).toBe(4)
    expect(s.scoredAnswered).toBe(3)
    expect(s.qualityIndex).toBeCloseTo((200 / 3 + 100 + 0) / 3, 12)
    expect(s.items).toEqual([
      { item: 'a', position: 3, points: 4 },
      { item: 'b', position: 5, points: 5 },
      { item: 'c', position: 1, points: 4 },
      { item: 'd', position: null, points: 4 },
    ])
    expect(s).toMatchObject({ allTop: false, topBox: false, straightLine: false })
  })

  it('has an index from half of the items up, none below', () => {
    expect(scoreResponse(items, { a: 4, b: 1 }).qualityIndex).toBe(50) // 2 of 4 answered: (100 + 0) / 2
    expect(scoreResponse(items, { a: 4, b: 'dontknow', d: 'dontknow' }).qualityIndex).toBeNull() // 1 of 4
    expect(scoreResponse(items, {}).qualityIndex).toBeNull()
    expect(scoreResponse([], { a: 1 }).qualityIndex).toBeNull()
  })

  it('tells all-top (every item at the top) from top-box (every answered item at the top)', () => {
    const all = scoreResponse(items, { a: 4, b: 5, c: 4, d: 4 })
    expect(all).toMatchObject({ allTop: true, topBox: true, qualityIndex: 100, straightLine: false }) // positions 4,5,4,4
    const answeredTop = scoreResponse(items, { a: 4, b: 5, c: 4, d: 'dontknow' })
    expect(answeredTop).toMatchObject({ allTop: false, topBox: true, straightLine: false })
  })

  it('flags straight-lining: four or more answered items at the same position', () => {
    expect(scoreResponse(items, { a: 2, b: 2, c: 2, d: 2 }).straightLine).toBe(true)
    expect(scoreResponse(items, { a: 2, b: 2, c: 2, d: 'dontknow' }).straightLine).toBe(false)
    expect(scoreResponse(items, { a: 2, b: 3, c: 2, d: 2 }).straightLine).toBe(false)
  })
})
