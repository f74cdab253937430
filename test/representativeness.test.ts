import { describe, expect, it } from 'vitest'
import {
  OTHER_CELL,
  propensityCells,
  type ResponseCell,
  responseMix,
  rIndicator,
} from '../src/domain/representativeness.ts'

const cell = (
  customerType: string,
  serviceType: string | null,
  riskClass: string | null,
  language: string,
  invited: number,
  responded: number,
): ResponseCell => ({
  customerType,
  serviceType,
  riskClass,
  language,
  invited,
  responded,
})

// Two cells large enough to stand alone and two small ones (3 and 2 invitations) that pool into "other".
const cells = [
  cell('company', 'mentoring', null, 'fi', 10, 6), // rho = 0.6
  cell('jobseeker', 'mentoring', 'A', 'fi', 10, 2), // rho = 0.2
  cell('jobseeker', 'mentoring', 'B', 'sv', 3, 3), // small
  cell('company', 'training', null, 'en', 2, 1), // small
]

describe('propensityCells', () => {
  it('pools cells with fewer than 5 invitations into one "other" cell', () => {
    // other: invited 3 + 2 = 5, responded 3 + 1 = 4, rho = 0.8.
    expect(propensityCells(cells)).toEqual([
      { key: 'company / mentoring / - / fi', invited: 10, responded: 6, propensity: 0.6 },
      { key: 'jobseeker / mentoring / A / fi', invited: 10, responded: 2, propensity: 0.2 },
      { key: OTHER_CELL, invited: 5, responded: 4, propensity: 0.8 },
    ])
  })

  it('adds up rows of the same cell before judging their size', () => {
    const split = [cell('company', null, null, 'fi', 3, 1), cell('company', null, null, 'fi', 2, 2)]
    expect(propensityCells(split)).toEqual([{ key: 'company / - / - / fi', invited: 5, responded: 3, propensity: 0.6 }])
  })
})

describe('rIndicator', () => {
  it('gives R for the fixture, with the small cells merged', () => {
    // N = 25, respondents = 12, rho_bar = 12/25 = 0.48.
    // S^2 = [10*(0.6-0.48)^2 + 10*(0.2-0.48)^2 + 5*(0.8-0.48)^2] / 24
    //     = [10*0.0144 + 10*0.0784 + 5*0.1024] / 24 = [0.144 + 0.784 + 0.512] / 24 = 1.44 / 24 = 0.06.
    // S = sqrt(0.06) = 0.244949; R = 1 - 2*0.244949 = 0.510102.
    // Unmerged it would be S^2 = [0.144 + 0.784 + 3*(1-0.48)^2 + 2*(0.5-0.48)^2] / 24 = 1.74/24 = 0.0725, R = 0.461484.
    const r = rIndicator(cells)
    expect(r.invited).toBe(25)
    expect(r.responded).toBe(12)
    expect(r.propensitySd).toBeCloseTo(Math.sqrt(0.06), 12)
    expect(r.r).toBeCloseTo(1 - 2 * Math.sqrt(0.06), 12)
    expect(r.r).toBeCloseTo(0.5101020514, 9)
    expect(r.cells).toHaveLength(3)
  })

  it('is 1 when every cell answers at the same rate', () => {
    const even = [cell('company', null, null, 'fi', 10, 5), cell('jobseeker', null, null, 'fi', 6, 3)]
    expect(rIndicator(even)).toMatchObject({ r: 1, propensitySd: 0 })
  })

  it('goes below 0 when one cell answers in full and the other not at all', () => {
    // rho = 1 and 0, rho_bar = 0.5; S^2 = [5*0.25 + 5*0.25] / 9 = 2.5/9; S = 0.527046; R = -0.054093.
    const split = [cell('company', null, null, 'fi', 5, 5), cell('jobseeker', null, null, 'fi', 5, 0)]
    expect(rIndicator(split).r).toBeCloseTo(1 - 2 * Math.sqrt(2.5 / 9), 12)
  })

  it('is null below 2 invitations', () => {
    expect(rIndicator([]).r).toBeNull()
    expect(rIndicator([cell('company', null, null, 'fi', 1, 1)])).toMatchObject({ r: null, invited: 1, responded: 1 })
    expect(rIndicator([cell('company', null, null, 'fi', 2, 1)]).r).toBe(1)
  })
})

describe('responseMix', () => {
  it('shows each customer type among respondents and non-respondents', () => {
    // company: invited 10 + 2 = 12, responded 6 + 1 = 7, not 5; jobseeker: invited 13, responded 5, not 8.
    // respondents 12, non-respondents 13.
    expect(responseMix(cells, 'customerType')).toEqual([
      { value: 'company', respondents: 7, nonRespondents: 5, respondentShare: 7 / 12, nonRespondentShare: 5 / 13 },
      { value: 'jobseeker', respondents: 5, nonRespondents: 8, respondentShare: 5 / 12, nonRespondentShare: 8 / 13 },
    ])
  })

  it('keeps a missing value as its own row and has no shares for an empty side', () => {
    const all = [cell('company', null, 'A', 'fi', 4, 4), cell('company', null, null, 'fi', 2, 2)]
    expect(responseMix(all, 'riskClass')).toEqual([
      { value: null, respondents: 2, nonRespondents: 0, respondentShare: 2 / 6, nonRespondentShare: null },
      { value: 'A', respondents: 4, nonRespondents: 0, respondentShare: 4 / 6, nonRespondentShare: null },
    ])
  })
})
