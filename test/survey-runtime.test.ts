import { describe, expect, it } from 'vitest'
import {
  COMPILED_CACHE_SIZE,
  cachedRuntime,
  compilePublished,
  SurveyRuntime,
  surveyRuntime,
} from '../src/surveys/runtime.ts'

const FULL = {
  need_clarity: 4,
  employer_obligations: 3,
  recruitment_plan: 'dontknow',
  candidate_channels: 2,
  recruitment_decision: 4,
  use_again: 'no_service',
  missing_from_service: 'More candidates',
}

describe('compiled survey runtime', () => {
  const runtime = surveyRuntime('cx-company', 1)!

  it('is built once per version and reused', () => {
    expect(surveyRuntime('cx-company', 1)).toBe(runtime)
    expect(surveyRuntime('cx-company', 99)).toBeUndefined()
  })

  it('derives each question domain from the model', () => {
    expect(runtime.normalise({ need_clarity: '3', recruitment_plan: 'dontknow', comment: '  hi  ' })).toEqual({
      answers: { need_clarity: 3, recruitment_plan: 'dontknow', comment: 'hi' },
      issues: [],
    })
    const bad = runtime.normalise({ need_clarity: 0, use_again: 'maybe', nope: 1, comment: 'x'.repeat(2001) })
    expect(bad.issues.map((i) => i.path)).toEqual([
      'answers.need_clarity',
      'answers.use_again',
      'answers.nope',
      'answers.comment',
    ])
  })

  it('keeps no state between respondents: each validation sees only its own answers', () => {
    expect(runtime.validate(FULL, 'fi', 'all').issues).toEqual([])
    const partial = runtime.validate({ need_clarity: 1 }, 'en', 'all')
    expect(partial.issues.map((i) => i.question)).toEqual([
      'employer_obligations',
      'recruitment_plan',
      'candidate_channels',
      'recruitment_decision',
    ])
    expect(runtime.validate(FULL, 'sv', 'all').issues).toEqual([])
    // the condition follows the current answers both ways
    expect(runtime.validate(FULL, 'fi', 'all').answers).toHaveProperty('missing_from_service')
    expect(runtime.validate({ ...FULL, use_again: 'same_provider' }, 'fi', 'all').answers).not.toHaveProperty(
      'missing_from_service',
    )
    const page2 = runtime.view({ ...FULL, use_again: 'same_provider' }, 'fi', 1)
    expect(page2.questions.map((q) => q.name)).toEqual([
      'candidate_channels',
      'recruitment_decision',
      'use_again',
      'comment',
    ])
    const page2b = runtime.view({}, 'fi', 1)
    expect(page2b.questions.every((q) => q.value === null)).toBe(true)
  })

  it('gives validation messages in the respondent language', () => {
    const fi = runtime.validate({}, 'fi', 0).issues[0].message
    const sv = runtime.validate({}, 'sv', 0).issues[0].message
    const en = runtime.validate({}, 'en', 0).issues[0].message
    expect(new Set([fi, sv, en]).size).toBe(3)
    expect(en).toMatch(/response required/i)
  })

  it('finds the page to resume on', () => {
    expect(runtime.resumePage({}, 'fi')).toBe(0)
    expect(runtime.resumePage({ need_clarity: 1, employer_obligations: 1, recruitment_plan: 1 }, 'fi')).toBe(1)
  })
})

describe('choices hidden by the loaded answers', () => {
  const tr = (en: string) => ({ fi: `${en} (fi)`, sv: `${en} (sv)`, en })
  // "detail" offers y only when kind is a: the shared model hides it while the last answers say b.
  const definition = {
    locale: 'fi',
    pages: [
      {
        name: 'p',
        elements: [
          {
            type: 'radiogroup',
            name: 'kind',
            title: tr('Kind'),
            choices: [
              { value: 'a', text: tr('A') },
              { value: 'b', text: tr('B') },
            ],
          },
          {
            type: 'radiogroup',
            name: 'detail',
            title: tr('Detail'),
            choicesVisibleIf: "{item} != 'y' or {kind} = 'a'",
            choices: [
              { value: 'x', text: tr('Ex') },
              { value: 'y', text: tr('Why') },
            ],
            showDontKnowItem: true,
            dontKnowText: tr('Cannot say'),
          },
        ],
      },
    ],
  }

  it('labels every choice of the definition in the asked language and leaves the model locale as it was', () => {
    const runtime = new SurveyRuntime('hidden-choice', 1, definition)
    expect(runtime.view({ kind: 'b' }, 'sv', 0).questions[1].choices.map((c) => c.value)).toEqual(['x'])
    const detail = runtime.answerLabels('en').find((q) => q.name === 'detail')!
    expect(Object.fromEntries(detail.labels)).toEqual({ x: 'Ex', y: 'Why', dontknow: 'Cannot say' })
    expect((runtime as unknown as { model: { locale: string } }).model.locale).toBe('sv')
  })

  it("accepts a choice that the empty model hides but the respondent's own answers show", () => {
    const runtime = new SurveyRuntime('hidden-choice', 1, definition)
    expect(runtime.normalise({ kind: 'a', detail: 'y' })).toEqual({ answers: { kind: 'a', detail: 'y' }, issues: [] })
    expect(runtime.normalise({ detail: 'z' }).issues.map((i) => i.path)).toEqual(['answers.detail'])
  })
})

describe('compiled survey cache', () => {
  const definition = { pages: [{ name: 'p', elements: [{ type: 'comment', name: 'c' }] }] }

  it('returns the same object on a hit and evicts the least recently used beyond its cap', () => {
    const a = compilePublished('lru-a', 1, definition)
    compilePublished('lru-b', 1, definition)
    expect(cachedRuntime('lru-a', 1)).toBe(a)
    for (let i = 0; i < COMPILED_CACHE_SIZE - 1; i++) compilePublished(`lru-${i}`, 1, definition)
    expect(cachedRuntime('lru-b', 1)).toBeUndefined()
    expect(cachedRuntime('lru-a', 1)).toBe(a)
    expect(cachedRuntime(`lru-${COMPILED_CACHE_SIZE - 2}`, 1)).toBeInstanceOf(SurveyRuntime)
  })
})
