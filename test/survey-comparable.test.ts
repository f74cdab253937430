// comparableTo: a later version may pool its scores with an earlier one only if every scored item keeps its name,
// its points, their values and their anchor texts in every language of the earlier version.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findVersion } from '../src/surveys/catalog.ts'
import { comparabilityBreaks } from '../src/surveys/comparable.ts'
import type { JsonObject } from '../src/surveys/scored-items.ts'

const v2 = findVersion('cx-company', 2)!.definition
type Element = JsonObject & { choices?: JsonObject[] }
const edit = (change: (elements: Element[]) => void): JsonObject => {
  const copy = structuredClone(v2) as { pages: Array<{ elements: Element[] }> }
  change(copy.pages.flatMap((p) => p.elements))
  return copy
}
const item = (elements: Element[], name: string) => elements.find((e) => e.name === name)!

describe('comparabilityBreaks', () => {
  it('accepts the same scored items with new titles, descriptions and unscored questions', () => {
    expect(comparabilityBreaks(v2, v2)).toEqual([])
    const reworded = edit((els) => {
      item(els, 'need_clarity').title = { fi: 'Uusi', sv: 'Ny', en: 'New' }
      item(els, 'use_again').choices = []
      ;(els as JsonObject[]).push({ type: 'comment', name: 'extra', title: { fi: 'a', sv: 'b', en: 'c' } })
    })
    expect(comparabilityBreaks(v2, reworded)).toEqual([])
  })

  it('refuses a changed anchor in any language, a changed value, a point more or fewer', () => {
    const anchor = edit((els) => {
      ;(item(els, 'need_clarity').choices![2].text as JsonObject).sv = 'Vi har skrivit ner allt'
    })
    expect(comparabilityBreaks(v2, anchor)).toEqual(['"need_clarity" point 3 reads differently in sv'])
    const value = edit((els) => {
      item(els, 'recruitment_plan').choices![0].value = 0
    })
    expect(comparabilityBreaks(v2, value)).toEqual(['"recruitment_plan" point 1 has the value 0 instead of 1'])
    const fewer = edit((els) => {
      item(els, 'candidate_channels').choices!.pop()
    })
    expect(comparabilityBreaks(v2, fewer)).toEqual(['"candidate_channels" has 3 points instead of 4'])
  })

  it('refuses a scored item renamed, dropped, added or losing its "cannot say" option', () => {
    const renamed = edit((els) => {
      item(els, 'need_clarity').name = 'need'
    })
    expect(comparabilityBreaks(v2, renamed)).toEqual([
      'scored item "need" is new; the index would count different items',
      'scored item "need_clarity" is gone or no longer scored',
    ])
    const unscored = edit((els) => {
      item(els, 'recruitment_decision').scored = false
    })
    expect(comparabilityBreaks(v2, unscored)).toEqual([
      'scored item "recruitment_decision" is gone or no longer scored',
    ])
    const noCannotSay = edit((els) => {
      item(els, 'employer_obligations').showDontKnowItem = false
    })
    expect(comparabilityBreaks(v2, noCannotSay)).toEqual([
      '"employer_obligations" adds or drops its "cannot say" option',
    ])
  })

  it('v2 of the built-ins is not comparable to v1 (their anchors were rewritten)', () => {
    expect(comparabilityBreaks(findVersion('cx-company', 1)!.definition, v2).length).toBeGreaterThan(0)
  })
})

describe('comparabilityBreaks, as a property', () => {
  const scored = [
    'need_clarity',
    'employer_obligations',
    'recruitment_plan',
    'candidate_channels',
    'recruitment_decision',
  ]
  const langs = ['fi', 'sv', 'en'] as const

  it('never pools across a changed anchor, whichever item, point and language', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...scored),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom(...langs),
        fc.string({ minLength: 1 }),
        (name, point, lang, suffix) => {
          const changed = edit((els) => {
            const text = item(els, name).choices![point].text as Record<string, string>
            text[lang] = `${text[lang]}${suffix}`
          })
          expect(comparabilityBreaks(v2, changed)).toEqual([
            `"${name}" point ${point + 1} reads differently in ${lang}`,
          ])
        },
      ),
    )
  })

  it('always pools when only titles and descriptions change', () => {
    fc.assert(
      fc.property(fc.constantFrom(...scored), fc.string(), fc.string(), (name, title, description) => {
        const reworded = edit((els) => {
          item(els, name).title = { fi: title, sv: title, en: title }
          item(els, name).description = { fi: description, sv: description, en: description }
        })
        expect(comparabilityBreaks(v2, reworded)).toEqual([])
      }),
    )
  })
})
