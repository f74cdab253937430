// The scale linter: shipped surveys pass, and each rule refuses a survey broken in one place.
import { describe, expect, it } from 'vitest'
import { contrastIn, hasLastTrueInstruction, joinedCriteria } from '../src/surveys/anchor-rules.ts'
import { findVersion, latestVersion, surveyIds } from '../src/surveys/catalog.ts'
import { type LintFinding, lintSurveyDefinition, RULES } from '../src/surveys/lint.ts'
import { isVagueAnchor, type Language } from '../src/surveys/vague-words.ts'
import company from '../surveys/cx-company/v2.json' with { type: 'json' }
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
    (f) => f.rule === rule && (f.namedPath === name || f.namedPath.startsWith(`${name}.`)) && f.severity === severity,
  )
  expect(hit, `expected ${rule} on ${name}, got ${JSON.stringify(findings, null, 1)}`).toBeDefined()
  return hit as LintFinding
}

describe('shipped surveys', () => {
  for (const id of surveyIds()) {
    it(`${id} at its latest version lints clean`, () => {
      const v = latestVersion(id)!
      expect(v.version).toBe(id === 'outcome-followup' ? 1 : 2)
      expect(lintSurveyDefinition(v.definition, v)).toEqual([])
    })
  }
  it('v1, frozen before the two scale rules, has exactly the problems the methods review found', () => {
    const found = (id: string) =>
      lintSurveyDefinition(findVersion(id, 1)!.definition, { id, version: 1 }).map((f) => `${f.rule} ${f.namedPath}`)
    const joined = (point: string) => ['fi', 'sv', 'en'].map((l) => `${RULES.joinedCriteria} ${point}.text.${l}`)
    const nonCumulative = (name: string) => `${RULES.nonCumulativeScale} ${name}`
    expect(found('cx-company')).toEqual([
      nonCumulative('need_clarity'),
      nonCumulative('employer_obligations'),
      nonCumulative('recruitment_plan'),
      ...joined('candidate_channels.choices[2]'),
      nonCumulative('candidate_channels'),
      ...joined('recruitment_decision.choices[2]'),
      nonCumulative('recruitment_decision'),
    ])
    expect(found('cx-jobseeker')).toEqual([
      ...joined('job_search_plan.choices[3]'),
      nonCumulative('job_search_plan'),
      nonCumulative('applications_sent'),
      nonCumulative('interviews_and_placements'),
      ...joined('application_documents.choices[2]'),
      nonCumulative('application_documents'),
    ])
  })
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
    expect(hit.namedPath).toBe('employer_obligations.choices[2].text.sv')
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
    expect(hit.namedPath).toBe('recruitment_decision.choices[1].text.en')
  })
  it('refuses a question title missing in one language', () => {
    const def = good()
    delete question(def, 'use_again').title.sv
    const hit = expectRefused(def, RULES.missingTranslation, 'use_again')
    expect(hit.namedPath).toBe('use_again.title.sv')
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
    expect(hit.namedPath).toBe('need_clarity.dontKnowText.fi')
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
      expect(hit.namedPath).toMatch(/^recruitment_plan\.choices\[4\]\.text\./)
    })
  }
})

describe('laatu/vague-anchor', () => {
  it('refuses "Influenced a lot" as an anchor', () => {
    const def = good()
    question(def, 'recruitment_decision').choices[3].text.en = 'Influenced a lot'
    const hit = expectRefused(def, RULES.vagueAnchor, 'recruitment_decision')
    expect(hit.namedPath).toBe('recruitment_decision.choices[3].text.en')
  })
  it('refuses "jonkin verran" and "i viss mån" anchors', () => {
    const def = good()
    const q = question(def, 'recruitment_decision')
    q.choices[1].text.fi = 'Vaikutti jonkin verran'
    q.choices[1].text.sv = 'Påverkade i viss mån'
    const paths = lint(def)
      .filter((f) => f.rule === RULES.vagueAnchor)
      .map((f) => f.namedPath)
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

describe('laatu/joined-criteria', () => {
  // Anchors of v1 that join two criteria, with the words that give them away.
  const hits: Array<[Language, string, string]> = [
    ['fi', 'Olen päivittänyt ansioluetteloni ja täyttänyt työnhakuprofiilin', 'ja täyttänyt'],
    ['sv', 'Jag har uppdaterat mitt cv och fyllt i en profil som arbetssökande', 'och fyllt'],
    ['en', 'I have updated my CV and filled in a job seeker profile', 'and filled'],
    ['fi', 'Olemme päättäneet rekrytoida ja asettaneet tavoitepäivän', 'ja asettaneet'],
    ['sv', 'Vi har beslutat att rekrytera och satt ett måldatum', 'och satt'],
    ['en', 'We have decided to recruit and set a target date', 'and set'],
    ['fi', 'Olemme valinneet käytettävät kanavat ja tiedämme niiden kustannukset', 'ja tiedämme'],
    ['sv', 'Vi har valt vilka kanaler vi använder och vet vad de kostar', 'och vet'],
    ['en', 'We have chosen the channels we will use and know what they cost', 'and know'],
    ['fi', 'Minulla on kirjallinen suunnitelma, ja olen jo tehnyt sen ensimmäisen askeleen', 'ja olen'],
    ['sv', 'Jag har en skriftlig plan och har redan tagit det första steget i den', 'och har'],
    ['en', 'I have a written plan and have already taken its first step', 'and have'],
    ['fi', 'Olemme laatineet tehtävänkuvauksen sekä julkaisseet ilmoituksen', 'sekä julkaisseet'],
    ['fi', 'Olemme kirjanneet tehtävät ja keskustelleet niistä', 'ja keskustelleet'],
    ['sv', 'Vi har skrivit en arbetsbeskrivning samt publicerat en annons', 'samt publicerat'],
    ['en', 'We have a job description and we have published it', 'and we have'],
  ]
  for (const [lang, text, joined] of hits) {
    it(`finds "${joined}" in "${text}" (${lang})`, () => {
      expect(joinedCriteria(text, lang)).toBe(joined)
    })
  }
  // One verb with a list of objects, two question words, nouns joined, a negated join, "or".
  const nonHits: Array<[Language, string]> = [
    ['fi', 'Olemme kirjanneet tehtävät, työajan ja vaadittavan osaamisen'],
    ['sv', 'Vi har skrivit ner uppgifterna, arbetstiden och den kompetens som krävs'],
    ['en', 'We have written down the tasks, the working hours and the skills required'],
    ['fi', 'Tiedän, missä ja miten hoidan kunkin velvollisuuden'],
    ['sv', 'Jag har skrivit ner när, var och hur jag ska sköta varje skyldighet'],
    ['en', 'I know where and how to take care of each obligation'],
    ['fi', 'Meillä on kirjallinen rekrytointisuunnitelma ja aikataulu'],
    ['fi', 'Olemme käyneet läpi tehtävät ja kulut'],
    ['fi', 'Olemme kirjanneet tehtävät ja keskustelut'],
    ['fi', 'Olemme listanneet tehtävät ja yrityksemme tarpeet'],
    ['fi', 'Velvollisuuksia ovat työeläke- ja tapaturmavakuutus'],
    ['fi', 'En ole ollut työhaastattelussa enkä työkokeilussa'],
    ['fi', 'Ei päätöstä eikä muutosta siinä, miten aiomme rekrytoida'],
    ['sv', 'Vi har listat uppgifter och resultat'],
    ['sv', 'Vi har listat uppgifterna och uppdaterat cv'],
    ['sv', 'Vi har gått igenom mina alternativ för arbete och utbildning'],
    ['en', 'We have listed the tasks and required skills'],
    ['en', 'I have a written plan and updated documents'],
    ['en', 'We have hired an employee or made a job offer'],
    ['en', 'No decision and no change in how we intend to recruit'],
  ]
  for (const [lang, text] of nonHits) {
    it(`accepts "${text}" (${lang})`, () => {
      expect(joinedCriteria(text, lang)).toBeNull()
    })
  }
  it('refuses such an anchor in a survey, naming the point and language', () => {
    const def = good()
    question(def, 'candidate_channels').choices[2].text.sv =
      'Vi har valt vilka kanaler vi använder och vet vad de kostar'
    const hit = expectRefused(def, RULES.joinedCriteria, 'candidate_channels')
    expect(hit.namedPath).toBe('candidate_channels.choices[2].text.sv')
    expect(hit.message).toMatch(/"och vet"/)
  })
  it('looks only at the points of scored items', () => {
    const def = good()
    question(def, 'use_again').choices[0].text.en = 'Yes, I would choose them and I would pay for it myself'
    expect(lint(def)).toEqual([])
  })
})

describe('laatu/non-cumulative-scale', () => {
  // A v2 question without its declaration and without the instruction on its page.
  function undeclared(name: string): Json {
    const def = good()
    for (const page of def.pages) delete page.description
    delete question(def, name).cumulative
    return def
  }

  it('refuses a scale neither declared cumulative nor carrying the instruction', () => {
    const hit = expectRefused(undeclared('employer_obligations'), RULES.nonCumulativeScale, 'employer_obligations')
    expect(hit.namedPath).toBe('employer_obligations')
    expect(hit.message).toMatch(/in fi, sv, en/)
  })
  it('accepts the declaration alone', () => {
    const def = good()
    for (const page of def.pages) delete page.description
    expect(lint(def)).toEqual([])
  })
  it('accepts the instruction in the question description, and names a language where it is missing', () => {
    const def = undeclared('employer_obligations')
    const q = question(def, 'employer_obligations')
    q.description = {
      fi: 'Valitse viimeinen väite, joka pitää paikkansa.',
      sv: 'Välj det sista påståendet som stämmer.',
      en: 'Choose the last statement that is true.',
    }
    expect(lint(def)).toEqual([])
    q.description.sv = 'Välj det alternativ som beskriver läget nu.'
    const hit = expectRefused(def, RULES.nonCumulativeScale, 'employer_obligations')
    expect(hit.message).toMatch(/in sv;/)
  })
  it('accepts the instruction in the page description (shown above every question of the page)', () => {
    const def = good()
    delete question(def, 'employer_obligations').cumulative
    expect(lint(def)).toEqual([])
  })
  it('does not count the survey description, which only the first page shows', () => {
    const def = undeclared('candidate_channels')
    def.description = {
      fi: 'Valitse kussakin kysymyksessä viimeinen väite, joka pitää paikkansa.',
      sv: 'Välj i varje fråga det sista påståendet som stämmer.',
      en: 'For each question, choose the last statement that is true.',
    }
    expectRefused(def, RULES.nonCumulativeScale, 'candidate_channels')
  })
  it('refuses a middle point of a cumulative scale that says something has not happened ("but")', () => {
    const def = good()
    question(def, 'recruitment_plan').choices[1].text.fi =
      'Olemme keskustelleet rekrytoinnista, mutta mitään ei ole kirjattu'
    const hit = expectRefused(def, RULES.nonCumulativeScale, 'recruitment_plan')
    expect(hit.namedPath).toBe('recruitment_plan.choices[1].text.fi')
  })
  it('refuses "cumulative" that is not a boolean', () => {
    const def = good()
    question(def, 'recruitment_plan').cumulative = 'yes'
    expectRefused(def, RULES.scoredShape, 'recruitment_plan')
  })
  const instructions: Array<[Language, string, boolean]> = [
    ['fi', 'Valitse viimeinen väite, joka pitää paikkansa.', true],
    ['fi', 'Valitse kussakin kysymyksessä viimeinen väite, joka pitää paikkansa.', true],
    ['fi', 'Valitse viimeinen paikkansapitävä vaihtoehto.', true],
    ['fi', 'Valitse kussakin kysymyksessä vaihtoehto, joka kuvaa tilannettasi nyt.', false],
    ['fi', 'Viimeinen väite pitää paikkansa.', false],
    ['sv', 'Välj i varje fråga det sista påståendet som stämmer.', true],
    ['sv', 'Välj det sista alternativet som är sant.', true],
    ['sv', 'Välj i varje fråga det alternativ som beskriver din situation nu.', false],
    ['en', 'For each question, choose the last statement that is true.', true],
    ['en', 'Select the last option that applies.', true],
    ['en', 'For each question, choose the option that describes your situation now.', false],
    ['en', 'Choose the first statement that is true.', false],
  ]
  for (const [lang, text, expected] of instructions) {
    it(`${expected ? 'recognises' : 'does not take'} "${text}" (${lang})`, () => {
      expect(hasLastTrueInstruction(text, lang)).toBe(expected)
    })
  }
  it('finds contrast words in each language', () => {
    expect(contrastIn('Kävimme vaihtoehtojani läpi, mutta mitään ei kirjattu', 'fi')).toBe('mutta')
    expect(contrastIn('Vi gick igenom mina alternativ, men ingenting skrevs ner', 'sv')).toBe('men')
    expect(contrastIn('I have prepared an application but not sent it', 'en')).toBe('but')
    expect(contrastIn('Jag har skickat minst en ansökan', 'sv')).toBeNull()
  })
})

describe('findings as the authoring API gives them', () => {
  // A survey broken in many ways at once, so that most rules speak.
  function broken(): Json {
    const def = good()
    const need = question(def, 'need_clarity')
    need.choices[1].text = { fi: 'Jonkin verran', sv: 'I viss mån', en: 'Somewhat' }
    need.choices[2] = { value: 3 }
    question(def, 'employer_obligations').choices[2].text.en = 'Cannot say'
    question(def, 'recruitment_plan').choices[3].text = { fi: 'Vain suomeksi' }
    question(def, 'candidate_channels').choices.pop()
    question(def, 'recruitment_decision').showDontKnowItem = false
    def.pages[1].elements.push({ type: 'matrix', name: 'grid', title: 'Plain' })
    return def
  }
  const resolve = (root: unknown, path: string): unknown =>
    path
      .split(/\.|(?=\[)/)
      .filter(Boolean)
      .reduce<unknown>((node, key) => {
        if (node === undefined || node === null) return undefined
        const index = /^\[(\d+)\]$/.exec(key)
        return (node as Record<string, unknown>)[index ? Number(index[1]) : key]
      }, root)

  it('names the place by JSON path and the question by name, and says why in fi, sv and en', () => {
    const def = broken()
    const findings = lintSurveyDefinition(def, { id: 'own', version: 0 }, 'authored')
    expect(new Set(findings.map((f) => f.rule)).size).toBeGreaterThanOrEqual(7)
    for (const f of findings) {
      const label = `${f.rule} ${f.path}`
      expect(f.path, label).toMatch(/^(pages\[\d+\](\.elements\[\d+\])?)?/)
      // The element the path starts with is the question the finding names.
      const element = /^pages\[\d+\]\.elements\[\d+\]/.exec(f.path)?.[0]
      if (element) expect((resolve(def, element) as Json).name, label).toBe(f.question)
      else expect(f.question, label).toBeNull()
      expect(f.message, label).toBe(f.messages.en)
      for (const lang of ['fi', 'sv'] as const) {
        expect(f.messages[lang], label).not.toBe('')
        if (!f.rule.startsWith('surveyjs/')) expect(f.messages[lang], label).not.toBe(f.messages.en)
      }
    }
    const at = (rule: string) => findings.filter((f) => f.rule === rule).map((f) => f.path)
    expect(at(RULES.vagueAnchor)).toEqual([
      'pages[0].elements[0].choices[1].text.fi',
      'pages[0].elements[0].choices[1].text.sv',
      'pages[0].elements[0].choices[1].text.en',
    ])
    expect(at(RULES.unlabelledPoint)).toEqual(['pages[0].elements[0].choices[2]'])
    expect(at(RULES.cannotSayInScale)).toEqual(['pages[0].elements[1].choices[2].text.en'])
    expect(at(RULES.missingTranslation)).toEqual(
      expect.arrayContaining(['pages[0].elements[2].choices[3].text.sv', 'pages[0].elements[2].choices[3].text.en']),
    )
    expect(at(RULES.scoredShape)).toContain('pages[1].elements[0]')
    expect(at(RULES.questionType)).toEqual(['pages[1].elements[5]'])
  })

  it('makes a missing "cannot say" option an error for an authored survey, a warning for a built-in', () => {
    const def = broken()
    const severity = (mode: 'builtin' | 'authored') =>
      lintSurveyDefinition(def, { id: 'own', version: 0 }, mode).find((f) => f.rule === RULES.noCannotSayOption)
        ?.severity
    expect(severity('builtin')).toBe('warning')
    expect(severity('authored')).toBe('error')
  })

  it("refuses a question name that takes a column of the response export: a fixed one, or another question's label", () => {
    const def = good()
    question(def, 'need_clarity').name = 'language'
    question(def, 'employer_obligations').name = 'recruitment_plan_label'
    const own = (mode: 'builtin' | 'authored') =>
      lintSurveyDefinition(def, { id: 'own', version: 0 }, mode)
        .filter((f) => f.rule === RULES.exportColumn)
        .map((f) => [f.namedPath, f.severity, f.messages.en])
    expect(own('authored')).toEqual([
      ['language.name', 'error', expect.stringContaining('"language" is a fixed column of the response export')],
      [
        'recruitment_plan_label.name',
        'error',
        expect.stringContaining('the label column of question "recruitment_plan"'),
      ],
    ])
    expect(own('builtin').map(([, severity]) => severity)).toEqual(['warning', 'warning'])
    // a name ending in _label is free while no question has its stem
    question(def, 'recruitment_plan').name = 'plan'
    expect(own('authored').map(([path]) => path)).toEqual(['language.name'])
    expect(lint(good()).filter((f) => f.rule === RULES.exportColumn)).toEqual([])
  })
})
