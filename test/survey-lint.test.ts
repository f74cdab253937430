// The scale linter: shipped surveys pass, and each rule refuses a survey broken in one place.
import { describe, expect, it } from 'vitest'
import { surveyVersions } from '../src/surveys/catalog.ts'
import { type LintFinding, lintSurveyDefinition, RULES } from '../src/surveys/lint.ts'
import { isVagueAnchor } from '../src/surveys/vague-words.ts'
import company from '../surveys/cx-company/v1.json' with { type: 'json' }
import type { Json } from './helpers.ts'

const lint = (definition: unknown) => lintSurveyDefinition(definition, { id: 'cx-company', version: 1 })

// A fresh, known-good survey to break in exactly one place (loosely typed: the tests break it freely).
function good(): Json {
  return structuredClone(company)
}

function question(definition: Json, name: string): Json {
  for (const page of definition.pages) {
    const found = page.elements.find((e: { name: string }) => e.name === name)
    if (found) return found
  }
  throw new Error(`no question ${name}`)
}

function expectRefused(definition: unknown, rule: string, name: string, severity: LintFinding['severity'] = 'error') {
  const findings = lint(definition)
  const hit = findings.find(
    (f) => f.rule === rule && (f.path === name || f.path.startsWith(`${name}.`)) && f.severity === severity,
  )
  expect(hit, `expected ${rule} on ${name}, got ${JSON.stringify(findings, null, 1)}`).toBeDefined()
  return hit as LintFinding
}

describe('shipped surveys', () => {
  for (const v of surveyVersions) {
    it(`${v.id} v${v.version} lints clean`, () => {
      expect(lintSurveyDefinition(v.definition, v)).toEqual([])
    })
  }
})

describe('laatu/question-type', () => {
  it('refuses a question type outside rating, radiogroup, boolean, comment, text', () => {
    const def = good()
    question(def, 'use_again').type = 'dropdown'
    expectRefused(def, RULES.questionType, 'use_again')
  })
})

describe('laatu/scored-shape', () => {
  it('refuses a scored item with 3 points', () => {
    const def = good()
    question(def, 'need_clarity').choices.pop()
    expectRefused(def, RULES.scoredShape, 'need_clarity')
  })
  it('refuses a scored item with 6 points', () => {
    const def = good()
    const q = question(def, 'need_clarity')
    q.choices.push(
      { value: 5, text: { fi: 'Viisi', sv: 'Fem', en: 'Five' } },
      { value: 6, text: { fi: 'Kuusi', sv: 'Sex', en: 'Six' } },
    )
    expectRefused(def, RULES.scoredShape, 'need_clarity')
  })
  it('refuses a scored item that is not a radiogroup', () => {
    const def = good()
    question(def, 'recruitment_plan').type = 'rating'
    expectRefused(def, RULES.scoredShape, 'recruitment_plan')
  })
  it('refuses a scored item whose points are shuffled', () => {
    const def = good()
    question(def, 'recruitment_plan').choicesOrder = 'random'
    expectRefused(def, RULES.scoredShape, 'recruitment_plan')
  })
})

describe('laatu/unlabelled-point', () => {
  it('refuses a point without text', () => {
    const def = good()
    delete question(def, 'candidate_channels').choices[2].text
    expectRefused(def, RULES.unlabelledPoint, 'candidate_channels')
  })
  it('refuses a point whose texts are empty', () => {
    const def = good()
    question(def, 'candidate_channels').choices[0].text = { fi: ' ', sv: '', en: '' }
    expectRefused(def, RULES.unlabelledPoint, 'candidate_channels')
  })
  it('refuses a bare value as a point', () => {
    const def = good()
    question(def, 'candidate_channels').choices[3] = 4
    expectRefused(def, RULES.unlabelledPoint, 'candidate_channels')
  })
})

describe('laatu/duplicate-label', () => {
  it('refuses two points with the same label in one language', () => {
    const def = good()
    const q = question(def, 'employer_obligations')
    q.choices[2].text.sv = q.choices[1].text.sv
    const hit = expectRefused(def, RULES.duplicateLabel, 'employer_obligations')
    expect(hit.path).toBe('employer_obligations.choices[2].text.sv')
  })
  it('refuses a "cannot say" text equal to a point', () => {
    const def = good()
    const q = question(def, 'employer_obligations')
    q.dontKnowText.en = q.choices[0].text.en
    expectRefused(def, RULES.duplicateLabel, 'employer_obligations')
  })
})

describe('laatu/missing-translation', () => {
  it('refuses a point label missing in one language', () => {
    const def = good()
    delete question(def, 'recruitment_decision').choices[1].text.en
    const hit = expectRefused(def, RULES.missingTranslation, 'recruitment_decision')
    expect(hit.path).toBe('recruitment_decision.choices[1].text.en')
  })
  it('refuses a question title missing in one language', () => {
    const def = good()
    delete question(def, 'use_again').title.sv
    const hit = expectRefused(def, RULES.missingTranslation, 'use_again')
    expect(hit.path).toBe('use_again.title.sv')
  })
  it('refuses a question without a title', () => {
    const def = good()
    delete question(def, 'comment').title
    expectRefused(def, RULES.missingTranslation, 'comment')
  })
  it('refuses a "cannot say" text missing in one language', () => {
    const def = good()
    delete question(def, 'need_clarity').dontKnowText.fi
    const hit = expectRefused(def, RULES.missingTranslation, 'need_clarity')
    expect(hit.path).toBe('need_clarity.dontKnowText.fi')
  })
  it('refuses a plain-string title', () => {
    const def = good()
    question(def, 'comment').title = 'Muuta palautetta'
    expectRefused(def, RULES.missingTranslation, 'comment')
  })
})

describe('laatu/scale-direction', () => {
  it('refuses a scale written from most to least positive', () => {
    const def = good()
    const q = question(def, 'need_clarity')
    q.choices.reverse()
    const hit = expectRefused(def, RULES.scaleDirection, 'need_clarity')
    expect(hit.message).toMatch(/most to least positive/)
  })
  it('refuses values that are not 1..K', () => {
    const def = good()
    question(def, 'need_clarity').choices.forEach((c: { value: unknown }, i: number) => {
      c.value = i
    })
    expectRefused(def, RULES.scaleDirection, 'need_clarity')
  })
  it('refuses string values', () => {
    const def = good()
    question(def, 'need_clarity').choices.forEach((c: { value: unknown }, i: number) => {
      c.value = String(i + 1)
    })
    expectRefused(def, RULES.scaleDirection, 'need_clarity')
  })
})

describe('laatu/cannot-say-in-scale', () => {
  const cases: Array<[string, Record<string, string>]> = [
    ['fi', { fi: 'En osaa sanoa', sv: 'Fem', en: 'Five' }],
    ['sv', { fi: 'Viisi', sv: 'Kan inte säga', en: 'Five' }],
    ['en', { fi: 'Viisi', sv: 'Fem', en: 'Not applicable' }],
    ['fi (ei koske)', { fi: 'Ei koske yritystäni', sv: 'Fem', en: 'Five' }],
  ]
  for (const [language, text] of cases) {
    it(`refuses a "cannot say" point inside the scale (${language})`, () => {
      const def = good()
      question(def, 'recruitment_plan').choices.push({ value: 5, text })
      const hit = expectRefused(def, RULES.cannotSayInScale, 'recruitment_plan')
      expect(hit.path).toMatch(/^recruitment_plan\.choices\[4\]\.text\./)
    })
  }
})

describe('laatu/vague-anchor', () => {
  it('refuses "Influenced a lot" as an anchor', () => {
    const def = good()
    question(def, 'recruitment_decision').choices[3].text.en = 'Influenced a lot'
    const hit = expectRefused(def, RULES.vagueAnchor, 'recruitment_decision')
    expect(hit.path).toBe('recruitment_decision.choices[3].text.en')
  })
  it('refuses "jonkin verran" and "i viss mån" anchors', () => {
    const def = good()
    const q = question(def, 'recruitment_decision')
    q.choices[1].text.fi = 'Vaikutti jonkin verran'
    q.choices[1].text.sv = 'Påverkade i viss mån'
    const paths = lint(def)
      .filter((f) => f.rule === RULES.vagueAnchor)
      .map((f) => f.path)
    expect(paths).toEqual(['recruitment_decision.choices[1].text.fi', 'recruitment_decision.choices[1].text.sv'])
  })
  it('accepts a vague word inside a concrete description', () => {
    const def = good()
    question(def, 'recruitment_decision').choices[2].text.en = 'We changed a lot of our recruitment plan'
    expect(lint(def)).toEqual([])
  })
  it('defines "concrete" by at least three content words', () => {
    expect(isVagueAnchor('Very useful', 'en')).toBe(true)
    expect(isVagueAnchor('Helped us a lot with recruiting', 'en')).toBe(true)
    expect(isVagueAnchor('Palvelu vaikutti paljon', 'fi')).toBe(true)
    expect(isVagueAnchor('I hög grad', 'sv')).toBe(true)
    expect(isVagueAnchor('We rewrote most of the job advertisement text', 'en')).toBe(false)
    expect(isVagueAnchor('We made a recruitment decision based on the service', 'en')).toBe(false)
  })
})

describe('laatu/no-cannot-say-option', () => {
  it('warns (does not refuse) when a scored item has no "cannot say" option', () => {
    const def = good()
    const q = question(def, 'candidate_channels')
    delete q.showDontKnowItem
    delete q.dontKnowText
    delete q.separateSpecialChoices
    expectRefused(def, RULES.noCannotSayOption, 'candidate_channels', 'warning')
    expect(lint(def).filter((f) => f.severity === 'error')).toEqual([])
  })
})

describe("survey-core's own linter", () => {
  it('contributes its errors, with the path naming the question', () => {
    const def = good()
    question(def, 'comment').visibleIf = '{use_again} = '
    expectRefused(def, 'surveyjs/expression/syntax', 'comment')
  })
  it('refuses duplicate question names', () => {
    const def = good()
    question(def, 'comment').name = 'use_again'
    expect(lint(def).some((f) => f.rule === 'surveyjs/name/duplicate' && f.severity === 'error')).toBe(true)
  })
  it('refuses a value that is not a JSON object', () => {
    expect(lint(null).map((f) => f.rule)).toEqual(['laatu/not-a-survey'])
  })
})
