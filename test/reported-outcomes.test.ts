import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findVersion } from '../src/surveys/catalog.ts'
import { outcomeQuestions, reportedOutcomes } from '../src/surveys/reported-outcomes.ts'

const followUp = findVersion('outcome-followup', 1)!.definition

describe('reported outcomes of a follow-up answer', () => {
  it('finds the questions behind each outcome type from reportsOutcome', () => {
    expect([...outcomeQuestions(followUp)]).toEqual([
      ['recruitment', { happened: 'recruited', occurredOn: 'start_date', value: 'weekly_hours', divisor: 37.5 }],
    ])
    expect(outcomeQuestions(findVersion('cx-company', 2)!.definition).size).toBe(0)
  })

  it('reports a hire on its start date in full-time equivalents, and nothing for "no"', () => {
    const hire = { recruited: true, weekly_hours: '20', start_date: '2027-03-31' }
    expect(reportedOutcomes(followUp, hire, '2027-05-01')).toEqual([
      { type: 'recruitment', occurredOn: '2027-03-31', value: 0.53 },
    ])
    expect(reportedOutcomes(followUp, { ...hire, weekly_hours: '37.5' }, '2027-05-01')[0].value).toBe(1)
    expect(reportedOutcomes(followUp, { recruited: false }, '2027-05-01')).toEqual([])
    // an amount so large that scaling it overflows is no value (a property run in CI found it)
    expect(reportedOutcomes(followUp, { recruited: true, weekly_hours: 1e308 }, '2027-05-01')[0].value).toBeNull()
    // a day that does not exist falls back to the day of the answer
    expect(reportedOutcomes(followUp, { ...hire, start_date: '2027-02-31' }, '2027-05-01')[0].occurredOn).toBe(
      '2027-05-01',
    )
  })

  it('never reports without a "yes", and always a day and a finite value or null', () => {
    const answer = fc.oneof(
      fc.boolean(),
      fc.constantFrom('yes', '2027-03-31', '20', 'x'),
      fc.string(),
      fc.integer(),
      fc.double(),
    )
    fc.assert(
      fc.property(
        fc.record({ recruited: answer, weekly_hours: answer, start_date: answer }, { requiredKeys: [] }),
        (answers) => {
          const out = reportedOutcomes(followUp, answers, '2027-05-01')
          if (answers.recruited !== true && answers.recruited !== 'yes') expect(out).toEqual([])
          for (const o of out) {
            expect(o.occurredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
            expect(o.value === null || Number.isFinite(o.value)).toBe(true)
          }
        },
      ),
    )
  })
})
