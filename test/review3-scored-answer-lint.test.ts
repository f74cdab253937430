// Review of issue 15's survey authoring: a scored item's answer must be the respondent's own to the item as shown.
// A setting that hides it (itself or its page or panel), locks it, prefills it, stores it under another name, or a
// trigger that writes it, is an error in an authored survey and a warning in a built-in one.
import { describe, expect, it } from 'vitest'
import { lintSurveyDefinition, RULES } from '../src/surveys/lint.ts'
import company from '../surveys/cx-company/v2.json' with { type: 'json' }
import type { Json } from './helpers.ts'

const ITEM = 'need_clarity'
const authored = (definition: unknown) => lintSurveyDefinition(definition, { id: 'own', version: 0 }, 'authored')
const altered = (definition: unknown, mode: 'authored' | 'builtin' = 'authored') =>
  lintSurveyDefinition(definition, { id: 'own', version: 0 }, mode)
    .filter((f) => f.rule === RULES.scoredAnswerAltered)
    .map((f) => ({ path: f.namedPath, severity: f.severity, en: f.message }))

/** The company survey with `change` applied: the page holding ITEM and ITEM itself. */
function withChange(change: (page: Json, item: Json, definition: Json) => void): Json {
  const definition: Json = structuredClone(company)
  const page = definition.pages.find((p: Json) => p.elements.some((e: Json) => e.name === ITEM))
  change(
    page,
    page.elements.find((e: Json) => e.name === ITEM),
    definition,
  )
  return definition
}

const SETTINGS: Array<[string, unknown]> = [
  ['valueName', 'other_item'],
  ['visibleIf', '{recruitment_plan} = 4'],
  ['visible', false],
  ['enableIf', '{recruitment_plan} > 1'],
  ['readOnly', true],
  ['defaultValue', 4],
  ['defaultValueExpression', '4'],
  ['correctAnswer', 4],
]

describe('a scored item whose answer could be bent', () => {
  it('is none in the shipped company survey, authored or built-in', () => {
    expect(altered(company)).toEqual([])
    expect(altered(company, 'builtin')).toEqual([])
  })

  for (const [key, value] of SETTINGS) {
    it(`is an error with ${key}: ${JSON.stringify(value)} in an authored survey, a warning in a built-in one`, () => {
      const definition = withChange((_, item) => {
        item[key] = value
      })
      expect(altered(definition)).toEqual([{ path: `${ITEM}.${key}`, severity: 'error', en: expect.any(String) }])
      expect(altered(definition, 'builtin')).toMatchObject([{ path: `${ITEM}.${key}`, severity: 'warning' }])
      expect(authored(definition).find((f) => f.rule === RULES.scoredAnswerAltered)!.messages.fi).toContain(key)
    })
  }

  it('is not one where the setting leaves the answer alone (visible: true, readOnly: false)', () => {
    expect(
      altered(
        withChange((_, item) => {
          item.visible = true
          item.readOnly = false
        }),
      ),
    ).toEqual([])
  })

  it('is an error on a page or in a panel that may be hidden', () => {
    const onPage = withChange((page) => {
      page.visibleIf = '{recruitment_plan} = 4'
    })
    expect(altered(onPage).filter((f) => f.path === ITEM)).toEqual([
      { path: ITEM, severity: 'error', en: expect.stringContaining('"visibleIf"') },
    ])
    const inPanel = withChange((page, item) => {
      const k = page.elements.indexOf(item)
      page.elements[k] = { type: 'panel', name: 'hidden_panel', visible: false, elements: [item] }
    })
    expect(altered(inPanel)).toEqual([{ path: ITEM, severity: 'error', en: expect.stringContaining('"visible"') }])
  })

  for (const type of ['setvalue', 'copyvalue', 'runexpression']) {
    it(`is an error as the target of a ${type} trigger`, () => {
      const definition = withChange((_, __, survey) => {
        survey.triggers = [
          { type, expression: '{recruitment_plan} = 4', setToName: ITEM, setValue: 4, fromName: 'recruitment_plan' },
          // a trigger that writes another question is no concern of this item's
          { type, expression: '{recruitment_plan} = 4', setToName: 'somewhere_else', setValue: 1 },
        ]
      })
      expect(altered(definition)).toEqual([
        { path: ITEM, severity: 'error', en: expect.stringContaining(`triggers[0] ("${type}")`) },
      ])
    })
  }
})
