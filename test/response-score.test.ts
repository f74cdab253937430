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
    expect(s).toMatchObject({ allTop: false, straightLine: false })
  })

  it('has an index from half of the items up, none below', () => {
    expect(scoreResponse(items, { a: 4, b: 1 }).qualityIndex).toBe(50) // 2 of 4 answered: (100 + 0) / 2
    expect(scoreResponse(items, { a: 4, b: 'dontknow', d: 'dontknow' }).qualityIndex).toBeNull() // 1 of 4
    expect(scoreResponse(items, {}).qualityIndex).toBeNull()
    expect(scoreResponse([], { a: 1 }).qualityIndex).toBeNull()
  })

  it('is all-top (and top-box) only with every scored item at its top point', () => {
    const all = scoreResponse(items, { a: 4, b: 5, c: 4, d: 4 })
    expect(all).toMatchObject({ allTop: true, qualityIndex: 100, straightLine: false }) // positions 4,5,4,4
    const answeredTop = scoreResponse(items, { a: 4, b: 5, c: 4, d: 'dontknow' })
    expect(answeredTop).toMatchObject({ allTop: false, qualityIndex: 100 })
  })

  it('probe (issue 13): 4, 4, 4, cannot say, cannot say scores 100 but is not top-box', () => {
    const five = ['q1', 'q2', 'q3', 'q4', 'q5'].map((name) => ({ name, values: [1, 2, 3, 4], notApplicable: 'dk' }))
    const probe = scoreResponse(five, { q1: 4, q2: 4, q3: 4, q4: 'dk', q5: 'dk' })
    expect(probe.qualityIndex).toBe(100)
    expect(probe.allTop).toBe(false)
    // 4, 4, 4, 1, 1 scores 60 and is not top-box either
    expect(scoreResponse(five, { q1: 4, q2: 4, q3: 4, q4: 1, q5: 1 })).toMatchObject({
      qualityIndex: 60,
      allTop: false,
    })
  })

  it('flags straight-lining: four or more answered items at one position, all-top responses left out', () => {
    expect(scoreResponse(items, { a: 2, b: 2, c: 2, d: 2 }).straightLine).toBe(true)
    expect(scoreResponse(items, { a: 2, b: 2, c: 2, d: 'dontknow' }).straightLine).toBe(false)
    expect(scoreResponse(items, { a: 2, b: 3, c: 2, d: 2 }).straightLine).toBe(false)
    const four = ['q1', 'q2', 'q3', 'q4'].map((name) => ({ name, values: [1, 2, 3, 4], notApplicable: null }))
    expect(scoreResponse(four, { q1: 4, q2: 4, q3: 4, q4: 4 })).toMatchObject({ allTop: true, straightLine: false })
    expect(scoreResponse(four, { q1: 1, q2: 1, q3: 1, q4: 1 }).straightLine).toBe(true)
    // position 4 is the top of a, c and d but not of the five-point b: one non-top point, so flagged
    expect(scoreResponse(items, { a: 4, b: 4, c: 4, d: 4 })).toMatchObject({ allTop: false, straightLine: true })
  })
})
