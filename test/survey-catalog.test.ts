// The survey catalog, scored-item extraction, and that the definitions load in survey-core.

import { Model, type Question, type QuestionSelectBase, settings } from 'survey-core'
import { describe, expect, it } from 'vitest'
import '../src/surveys/properties.ts'
import { findVersion, latestVersion, surveyIds, surveyVersions } from '../src/surveys/catalog.ts'
import { scoredItems, surveyLanguages } from '../src/surveys/scored-items.ts'

// The custom property that ../src/surveys/properties.ts registers.
type Scored = { scored: boolean }

describe('catalog', () => {
  it('lists both customer-experience surveys and the follow-up survey', () => {
    expect(surveyIds()).toEqual(['cx-company', 'cx-jobseeker', 'outcome-followup'])
    expect(surveyVersions.map((v) => `${v.id}@${v.version}`)).toEqual([
      'cx-company@1',
      'cx-jobseeker@1',
      'cx-company@2',
      'cx-jobseeker@2',
      'outcome-followup@1',
    ])
  })
  it('finds versions; the latest is the highest number, whatever the order of the list', () => {
    expect(latestVersion('cx-company')?.version).toBe(2)
    expect(latestVersion('cx-jobseeker')?.version).toBe(2)
    expect(findVersion('cx-jobseeker', 1)?.definition.locale).toBe('fi')
    expect(findVersion('cx-jobseeker', 3)).toBeUndefined()
    expect(latestVersion('nope')).toBeUndefined()
  })
  it('never changes a published version: v1 is byte for byte what respondents answered', async () => {
    // Pinned when v2 was published; v1 answers are scored and read against exactly this wording.
    const pinned: Record<string, string> = {
      'cx-company': '71538762306d911e9406121088bb4b7547ece7eb8d79224df822ccd6ef082a67',
      'cx-jobseeker': '44253aa4d804f9cd82a3eb1038e6b8cf84f3092eb663af8b13ee1572cee25ca7',
    }
    for (const [id, hash] of Object.entries(pinned)) {
      const bytes = new TextEncoder().encode(JSON.stringify(findVersion(id, 1)!.definition))
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
      expect([...digest].map((b) => b.toString(16).padStart(2, '0')).join(''), id).toBe(hash)
    }
  })
  it('keeps the scored item names of v1 in v2, so fee rules that weight items still name them', () => {
    for (const id of ['cx-company', 'cx-jobseeker']) {
      const names = (v: number) => scoredItems(findVersion(id, v)!.definition).map((i) => [i.name, i.values.length])
      expect(names(2)).toEqual(names(1))
    }
  })
})

describe('scoredItems', () => {
  it('gives the five cx-company items, lowest to highest, with "cannot say" apart', () => {
    const items = scoredItems(findVersion('cx-company', 1)!.definition)
    expect(items.map((i) => i.name)).toEqual([
      'need_clarity',
      'employer_obligations',
      'recruitment_plan',
      'candidate_channels',
      'recruitment_decision',
    ])
    for (const item of items) {
      expect(item.values).toEqual([1, 2, 3, 4])
      expect(item.notApplicable).toBe('dontknow')
    }
    expect(settings.dontKnowItemValue).toBe('dontknow')
  })
  it('gives the cx-jobseeker items', () => {
    const items = scoredItems(findVersion('cx-jobseeker', 1)!.definition)
    expect(items.map((i) => [i.name, i.values.length])).toEqual([
      ['job_search_plan', 4],
      ['applications_sent', 5],
      ['interviews_and_placements', 4],
      ['application_documents', 4],
    ])
  })
  it('walks panels and reports a missing "cannot say" as null', () => {
    const definition = {
      pages: [
        {
          name: 'p',
          elements: [
            {
              type: 'panel',
              name: 'box',
              elements: [{ type: 'radiogroup', name: 'q', scored: true, choices: [1, 2, 3, 4] }],
            },
          ],
        },
      ],
    }
    expect(scoredItems(definition)).toEqual([{ name: 'q', values: [1, 2, 3, 4], notApplicable: null }])
  })
})

describe('languages', () => {
  it('finds fi, sv and en in both surveys', () => {
    for (const v of surveyVersions) expect(surveyLanguages(v.definition)).toEqual(['fi', 'sv', 'en'])
  })
})

describe('survey-core model', () => {
  it('loads cx-company with the scored property, two pages and the follow-up condition', () => {
    const survey = new Model(findVersion('cx-company', 1)!.definition)
    expect(survey.pages.length).toBe(2)
    const q = survey.getQuestionByName('need_clarity') as QuestionSelectBase & Scored
    expect(q.scored).toBe(true)
    expect(q.dontKnowItem.value).toBe('dontknow')
    expect((survey.getQuestionByName('use_again') as Question & Scored).scored).toBe(false)
    survey.locale = 'sv'
    expect(q.title).toBe('Vilket påstående beskriver ditt företags rekryteringsbehov nu?')
    const followUp = survey.getQuestionByName('missing_from_service')
    expect(followUp.isVisible).toBe(false)
    survey.setValue('use_again', 'no_service')
    expect(followUp.isVisible).toBe(true)
  })
  it('loads cx-jobseeker with two pages', () => {
    for (const version of [1, 2]) {
      const survey = new Model(findVersion('cx-jobseeker', version)!.definition)
      expect(survey.pages.length).toBe(2)
      expect(survey.getAllQuestions().filter((q) => (q as Question & Scored).scored).length).toBe(4)
    }
  })
  it('loads v2 with the "cumulative" property and the instruction on each page', () => {
    const survey = new Model(findVersion('cx-company', 2)!.definition)
    const q = survey.getQuestionByName('employer_obligations') as Question & Scored & { cumulative: boolean }
    expect(q.cumulative).toBe(true)
    expect(q.scored).toBe(true)
    survey.locale = 'fi'
    for (const page of survey.pages) expect(page.description).toMatch(/Valitse viimeinen väite, joka pitää paikkansa/)
  })
})
