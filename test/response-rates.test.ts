import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  aaporRates,
  classifyInvitation,
  type InvitationFacts,
  median,
  tallyOutcomes,
} from '../src/domain/response-rates.ts'
import { scoreResponse } from '../src/domain/response-score.ts'

const open = (facts: Partial<InvitationFacts>): InvitationFacts => ({
  status: 'open',
  opened: true,
  answeredAny: false,
  scoredAnswered: 0,
  scoredTotal: 5,
  ...facts,
})

// Ten invitations to a five-item survey, each with the outcome it must get.
const fixture: Array<[string, InvitationFacts, string]> = [
  ['completed', open({ status: 'completed', answeredAny: true, scoredAnswered: 5 }), 'I'],
  // changed (issue 13): a break-off is a refusal, never a completion, even when the respondent pressed "send"
  [
    'completed with "cannot say" on most items',
    open({ status: 'completed', answeredAny: true, scoredAnswered: 1 }),
    'R',
  ],
  ['3 of 5 answered, not completed', open({ answeredAny: true, scoredAnswered: 3 }), 'P'],
  ['2 of 5 answered, then left', open({ answeredAny: true, scoredAnswered: 2 }), 'R'],
  ['declined without answering', open({ status: 'declined' }), 'R'],
  ['declined after answering 4 of 5', open({ status: 'declined', answeredAny: true, scoredAnswered: 4 }), 'R'],
  ['only unscored questions answered', open({ answeredAny: true }), 'R'],
  // changed (issue 13): AAPOR codes logging on without answering as an implicit refusal (was O)
  ['opened, nothing answered', open({}), 'R'],
  ['never opened', open({ opened: false }), 'NC'],
  ['never opened either', open({ opened: false }), 'NC'],
]

describe('classifyInvitation', () => {
  it.each(fixture)('%s', (_, facts, outcome) => {
    expect(classifyInvitation(facts)).toBe(outcome)
  })

  it('counts exactly half of the scored items as partial, as scoreResponse gives it an index', () => {
    expect(classifyInvitation(open({ answeredAny: true, scoredAnswered: 2, scoredTotal: 4 }))).toBe('P')
    expect(classifyInvitation(open({ answeredAny: true, scoredAnswered: 4, scoredTotal: 4 }))).toBe('P')
    expect(classifyInvitation(open({ answeredAny: true, scoredAnswered: 1, scoredTotal: 4 }))).toBe('R')
  })

  it('has no partials on a survey without scored items', () => {
    expect(classifyInvitation(open({ answeredAny: true, scoredTotal: 0 }))).toBe('R')
    expect(classifyInvitation(open({ scoredTotal: 0 }))).toBe('R')
    expect(classifyInvitation(open({ status: 'completed', answeredAny: true, scoredTotal: 0 }))).toBe('I')
  })

  it('probe (issue 13): opened without answering is an implicit refusal, R', () => {
    expect(classifyInvitation(open({ opened: true }))).toBe('R')
  })

  it('counts a completion exactly when the response has a quality index (break-offs are R)', () => {
    const items = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ name, values: [1, 2, 3, 4], notApplicable: 'dk' }))
    const answer = fc.option(fc.constantFrom<number | string>(1, 2, 3, 4, 'dk'), { nil: undefined })
    fc.assert(
      fc.property(fc.array(answer, { minLength: 5, maxLength: 5 }), (values) => {
        const answers = Object.fromEntries(
          items.flatMap((it, k) => (values[k] === undefined ? [] : [[it.name, values[k]]])),
        )
        const score = scoreResponse(items, answers)
        const outcome = classifyInvitation({
          status: 'completed',
          opened: true,
          answeredAny: true,
          scoredAnswered: score.scoredAnswered,
          scoredTotal: score.scoredTotal,
        })
        expect(outcome).toBe(score.qualityIndex === null ? 'R' : 'I')
      }),
    )
  })

  it('treats an answer as contact even without an opening time', () => {
    expect(classifyInvitation(open({ opened: false, answeredAny: true, scoredAnswered: 1 }))).toBe('R')
  })
})

describe('aaporRates', () => {
  it('gives the fixture rates', () => {
    const counts = tallyOutcomes(fixture.map(([, facts]) => classifyInvitation(facts)))
    // I = 1, P = 1, R = 6, O = 0, NC = 2; all = 10; contacted (I+P+R+O) = 8.
    expect(counts).toEqual({ I: 1, P: 1, R: 6, O: 0, NC: 2 })
    expect(aaporRates(counts)).toEqual({
      invited: 10,
      rr1: 0.1, // 1 / 10
      rr2: 0.2, // (1 + 1) / 10
      coop1: 0.125, // 1 / 8
      ref1: 0.6, // 6 / 10
      con1: 0.8, // 8 / 10
    })
  })

  it('has no rates without invitations, and no cooperation rate without contact', () => {
    expect(aaporRates(tallyOutcomes([]))).toEqual({
      invited: 0,
      rr1: null,
      rr2: null,
      coop1: null,
      ref1: null,
      con1: null,
    })
    expect(aaporRates(tallyOutcomes(['NC', 'NC']))).toEqual({
      invited: 2,
      rr1: 0,
      rr2: 0,
      coop1: null,
      ref1: 0,
      con1: 0,
    })
  })
})

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([])).toBeNull()
    expect(median([5])).toBe(5)
    expect(median([3, 1, 2])).toBe(2) // 1 2 3
    expect(median([4, 1, 3, 2])).toBe(2.5) // 1 2 | 3 4 -> (2 + 3) / 2
    expect(median([10, 2, 33])).toBe(10) // numeric, not string, order
  })

  it('leaves its input unsorted', () => {
    const days = [3, 1, 2]
    median(days)
    expect(days).toEqual([3, 1, 2])
  })
})
