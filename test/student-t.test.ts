import { describe, expect, it } from 'vitest'
import { studentTCdf, twoSidedP } from '../src/domain/student-t.ts'

describe('Student t', () => {
  it('matches published values', () => {
    // t_{0.975, 9} = 2.262157 and t_{0.95, 30} = 1.697261 (any t table)
    expect(studentTCdf(2.262157, 9)).toBeCloseTo(0.975, 6)
    expect(studentTCdf(1.697261, 30)).toBeCloseTo(0.95, 6)
    expect(studentTCdf(0, 3.7)).toBeCloseTo(0.5, 12)
  })
  it('gives the issue probe: 2 points above a step, n = 10, sd 20: P(below) about 0.38', () => {
    const t = 2 / (20 / Math.sqrt(10))
    expect(studentTCdf(-t, 9)).toBeCloseTo(0.38, 2)
  })
  it('two-sided p and bad df', () => {
    expect(twoSidedP(2.262157, 9)).toBeCloseTo(0.05, 6)
    expect(() => studentTCdf(1, 0)).toThrow(RangeError)
  })
})
