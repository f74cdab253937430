// The answer check (src/surveys/answer-check.ts) accepts a completion exactly when survey-core's model does,
// with the same answers kept, on every built-in survey and random answers: valid, missing, out of range,
// answers to hidden questions, unknown keys, text that breaks a validator or a date's range.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { surveyVersions } from '../src/surveys/catalog.ts'
import { type Answers, SurveyRuntime } from '../src/surveys/runtime.ts'

const TEXTS = ['', '   ', 'hello', ' 7 ', '1', '37.5', '400', '401', '0', '-3', '1e2', '0x10', 'abc']
const DATES = ['2027-03-01', '2027-02-30', '2999-12-31', '3000-01-01', '27-03-01', '2027-3-1', '0001-01-01']

// Edges the random answers reach only now and then: a date past survey-core's latest, hours out of range.
const EDGES: Array<Record<string, unknown>> = [
  { recruited: true, weekly_hours: '37.5', start_date: '3000-01-01' },
  { recruited: true, weekly_hours: '401', start_date: '2027-03-01' },
  { recruited: true, weekly_hours: '0x10', start_date: '2999-12-31' },
  { recruited: false, weekly_hours: 'abc' },
]

function answerArb(runtime: SurveyRuntime): fc.Arbitrary<Record<string, unknown>> {
  const entries = [...runtime.questions.values()].map((spec) => {
    const valid =
      spec.domain.kind === 'choice'
        ? fc.constantFrom(...spec.domain.values)
        : fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...TEXTS, ...DATES) }, fc.string({ maxLength: 12 }))
    const invalid = fc.constantFrom<unknown>(99, -1, 'maybe', 'other', true, 3.5, null)
    // Mostly a valid answer, else none or one out of the question's domain.
    const value = fc.oneof({ weight: 7, arbitrary: valid }, { weight: 2, arbitrary: fc.constant(undefined) }, invalid)
    return [spec.name, value] as const
  })
  const unknown = fc.dictionary(fc.constantFrom('nope', 'comment', '__proto_x', 'need'), fc.constantFrom(1, 'x'), {
    maxKeys: 2,
  })
  return fc.tuple(fc.record(Object.fromEntries(entries)), fc.option(unknown, { freq: 4 })).map(([answers, extra]) => {
    const out: Record<string, unknown> = { ...(extra ?? {}) }
    for (const [k, v] of Object.entries(answers)) if (v !== undefined) out[k] = v
    return out
  })
}

describe('answer check', () => {
  for (const { id, version, definition } of surveyVersions) {
    const runtime = new SurveyRuntime(id, version, definition)

    it(`${id} v${version}: is built for the survey`, () => {
      expect(runtime.answerCheck).not.toBeNull()
    })

    it(`${id} v${version}: accepts exactly what the model accepts, keeping the same answers`, () => {
      let accepted = 0
      let rejected = 0
      fc.assert(
        fc.property(answerArb(runtime), (raw) => {
          const normalised = runtime.normalise(raw)
          // Answers out of a question's domain never reach validation; the check still only accepts what
          // the model accepts on them.
          const answers = normalised.issues.length > 0 ? (raw as Answers) : normalised.answers
          const fast = runtime.answerCheck!(answers)
          const model = runtime.validateWithModel(answers, 'fi', 'all')
          if (normalised.issues.length > 0) {
            if (fast) expect(model.issues).toEqual([])
          } else {
            expect(fast !== null).toBe(model.issues.length === 0)
            if (fast) accepted++
            else rejected++
          }
          if (fast) expect(JSON.stringify(fast)).toBe(JSON.stringify(model.answers))
          // What validate answers is the model's own verdict, messages included.
          expect(runtime.validate(answers, 'sv', 'all')).toEqual(runtime.validateWithModel(answers, 'sv', 'all'))
        }),
        { numRuns: 1000, examples: EDGES.map((e) => [e]) },
      )
      // Both verdicts were exercised.
      expect(accepted).toBeGreaterThan(10)
      expect(rejected).toBeGreaterThan(10)
    })
  }

  it('leaves a survey it does not judge to the model', () => {
    const withPanel = {
      pages: [{ elements: [{ type: 'panel', name: 'p', elements: [{ type: 'comment', name: 'c' }] }] }],
    }
    const withFunction = {
      pages: [
        {
          elements: [
            { type: 'comment', name: 'a' },
            { type: 'comment', name: 'b', visibleIf: 'age({a}) > 3' },
          ],
        },
      ],
    }
    const withOther = {
      pages: [{ elements: [{ type: 'radiogroup', name: 'r', choices: [1, 2], showOtherItem: true }] }],
    }
    for (const definition of [withPanel, withFunction, withOther])
      expect(new SurveyRuntime('x', 1, definition).answerCheck).toBeNull()
  })
})
