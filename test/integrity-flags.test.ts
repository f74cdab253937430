import { describe, expect, it } from 'vitest'
import {
  cannotSay,
  frequentReissue,
  type IntegrityCounts,
  integrityFlags,
  lowResponseRate,
  oneNetwork,
  soonAfterRegistration,
  straightLining,
  tooFast,
} from '../src/domain/integrity-flags.ts'

const clean: IntegrityCounts = {
  responseRate: 0.4,
  programmeMedianRate: 0.5,
  completions: 10,
  completedSoonAfterRegistration: 1,
  completedTooFast: 0,
  straightLined: 2,
  majorityNetworkGroup: 0,
  invited: 20,
  reissued: 2,
  programmeMedianCannotSayShare: 0.05,
  itemAnswers: 50,
  cannotSay: 4,
}

describe('lowResponseRate', () => {
  it('flags a rate below half the programme median', () => {
    // threshold = 0.5 * 0.5 = 0.25
    expect(lowResponseRate(0.24, 0.5)).toEqual({
      flag: 'low_response_rate',
      evidence: { rate: 0.24, programmeMedianRate: 0.5, threshold: 0.25 },
    })
    expect(lowResponseRate(0.25, 0.5)).toBeNull()
    expect(lowResponseRate(null, 0.5)).toBeNull()
    expect(lowResponseRate(0, null)).toBeNull()
  })
})

describe('share flags', () => {
  it('flag a share above the limit with at least 5 completions', () => {
    // 6 of 10 = 0.6 > 0.5
    expect(soonAfterRegistration({ ...clean, completedSoonAfterRegistration: 6 })).toEqual({
      flag: 'soon_after_registration',
      evidence: { count: 6, completions: 10, share: 0.6, limit: 0.5 },
    })
    // 4 of 10 = 0.4 > 0.3
    expect(tooFast({ ...clean, completedTooFast: 4 })).toMatchObject({
      flag: 'too_fast',
      evidence: { share: 0.4, limit: 0.3 },
    })
    // 3 of 5 = 0.6 > 0.5
    expect(straightLining({ ...clean, completions: 5, straightLined: 3 })).toMatchObject({
      flag: 'straight_lining',
      evidence: { share: 0.6 },
    })
    // 4 of 5 = 0.8 > 0.5
    expect(oneNetwork({ ...clean, completions: 5, majorityNetworkGroup: 4 })).toMatchObject({
      flag: 'one_network',
      evidence: { count: 4 },
    })
  })

  it('do not flag a share exactly at the limit', () => {
    expect(soonAfterRegistration({ ...clean, completedSoonAfterRegistration: 5 })).toBeNull() // 5/10 = 0.5
    expect(tooFast({ ...clean, completedTooFast: 3 })).toBeNull() // 3/10 = 0.3
    expect(straightLining({ ...clean, straightLined: 5 })).toBeNull()
    expect(oneNetwork({ ...clean, majorityNetworkGroup: 5 })).toBeNull()
  })

  it('say nothing below 5 completions', () => {
    const four = {
      ...clean,
      completions: 4,
      completedSoonAfterRegistration: 4,
      completedTooFast: 4,
      straightLined: 4,
      majorityNetworkGroup: 4,
    }
    expect([soonAfterRegistration(four), tooFast(four), straightLining(four), oneNetwork(four)]).toEqual([
      null,
      null,
      null,
      null,
    ])
  })
})

describe('integrityFlags', () => {
  it('lists only the raised flags, in a fixed order', () => {
    expect(integrityFlags(clean)).toEqual([])
    const flags = integrityFlags({ ...clean, responseRate: 0.1, majorityNetworkGroup: 9, completedTooFast: 4 })
    expect(flags.map((f) => f.flag)).toEqual(['low_response_rate', 'too_fast', 'one_network'])
  })
})

describe('frequentReissue', () => {
  it('flags re-issued links above 10 % of the invitations, with at least 5 invitations', () => {
    expect(frequentReissue(clean)).toBeNull() // 2 of 20 is exactly 10 %
    expect(frequentReissue({ ...clean, reissued: 3 })).toEqual({
      flag: 'frequent_reissue',
      evidence: { count: 3, invited: 20, share: 0.15, limit: 0.1 },
    })
    expect(frequentReissue({ ...clean, invited: 4, reissued: 4 })).toBeNull()
  })
})

describe('cannotSay', () => {
  it('flags a "cannot say" share above twice the programme median and above 10 %', () => {
    // 6 of 50 = 0.12 > max(2 x 0.05, 0.1) = 0.1
    expect(cannotSay({ ...clean, cannotSay: 6 })).toEqual({
      flag: 'cannot_say',
      evidence: { count: 6, itemAnswers: 50, share: 0.12, programmeMedianShare: 0.05, limit: 0.1 },
    })
    expect(cannotSay({ ...clean, cannotSay: 5 })).toBeNull() // 0.1 is not above 0.1
    // median 0.08: the limit is 2 x 0.08 = 0.16, so 0.12 is not flagged however far above 10 %
    expect(cannotSay({ ...clean, cannotSay: 6, programmeMedianCannotSayShare: 0.08 })).toBeNull()
    expect(cannotSay({ ...clean, cannotSay: 9, programmeMedianCannotSayShare: 0.08 })).toMatchObject({
      evidence: { share: 0.18, limit: 0.16 },
    })
    // median 0: twice the median is 0, and the 10 % floor decides
    expect(cannotSay({ ...clean, cannotSay: 5, programmeMedianCannotSayShare: 0 })).toBeNull()
    expect(cannotSay({ ...clean, cannotSay: 6, programmeMedianCannotSayShare: 0 })).not.toBeNull()
  })

  it('says nothing below 5 completions, without scored answers or without a programme median', () => {
    expect(cannotSay({ ...clean, completions: 4, cannotSay: 40 })).toBeNull()
    expect(cannotSay({ ...clean, itemAnswers: 0, cannotSay: 0 })).toBeNull()
    expect(cannotSay({ ...clean, cannotSay: 40, programmeMedianCannotSayShare: null })).toBeNull()
  })

  it('is listed last among the flags', () => {
    const flags = integrityFlags({ ...clean, responseRate: 0.1, cannotSay: 20 })
    expect(flags.map((f) => f.flag)).toEqual(['low_response_rate', 'cannot_say'])
  })
})
