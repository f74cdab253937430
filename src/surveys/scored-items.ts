// Reading the structure of a survey definition (plain SurveyJS JSON): its elements,
// its localised strings, its scored items and its languages.
import { Serializer, settings } from 'survey-core'
import './properties.ts'

/** A JSON object of a survey definition: the survey itself, a page, an element or a choice. */
export type JsonObject = Record<string, unknown>

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export type SurveyNode = {
  kind: 'survey' | 'page' | 'panel' | 'question' | 'item'
  className: string // SurveyJS class whose metadata describes json
  json: JsonObject
  jsonPath: string // e.g. pages[1].elements[0].choices[2] (survey-core linter paths use this form)
  path: string // e.g. candidate_channels.choices[2]: names the question for humans
  question: string | null // the name of the question this node is or belongs to
}

export type ScoredItem = { name: string; values: (string | number)[]; notApplicable: string | null }
export type LocalisedString = { node: SurveyNode; key: string; path: string; value: unknown }

const CHOICE_ARRAYS = ['choices', 'rateValues']

function join(base: string, key: string): string {
  return base === '' ? key : `${base}.${key}`
}

// Depth-first, in document order, so findings come out in the order a reader meets them.
export function surveyNodes(definition: JsonObject): SurveyNode[] {
  const nodes: SurveyNode[] = []
  const root: SurveyNode = {
    kind: 'survey',
    className: 'survey',
    json: definition,
    jsonPath: '',
    path: '',
    question: null,
  }
  nodes.push(root)
  const addElements = (elements: unknown, jsonBase: string) => {
    if (!Array.isArray(elements)) return
    elements.forEach((el, i) => {
      if (!el || typeof el !== 'object') return
      const jsonPath = join(jsonBase, `elements[${i}]`)
      const type = typeof el.type === 'string' ? el.type : ''
      const path = typeof el.name === 'string' && el.name !== '' ? el.name : jsonPath
      const kind = type === 'panel' ? 'panel' : 'question'
      const question = kind === 'question' && typeof el.name === 'string' && el.name !== '' ? el.name : null
      nodes.push({ kind, className: type, json: el, jsonPath, path, question })
      if (kind === 'panel') addElements(el.elements, jsonPath)
      else addItems(el, type, jsonPath, path, question)
    })
  }
  const addItems = (json: JsonObject, type: string, jsonBase: string, pathBase: string, question: string | null) => {
    for (const key of CHOICE_ARRAYS) {
      const items = json[key]
      if (!Array.isArray(items)) continue
      const className = Serializer.findProperty(type, key)?.className ?? 'itemvalue'
      items.forEach((item, k) => {
        if (item && typeof item === 'object') {
          nodes.push({
            kind: 'item',
            className,
            json: item,
            jsonPath: `${jsonBase}.${key}[${k}]`,
            path: `${pathBase}.${key}[${k}]`,
            question,
          })
        }
      })
    }
  }
  if (Array.isArray(definition.pages)) {
    definition.pages.forEach((page, i) => {
      if (!page || typeof page !== 'object') return
      const jsonPath = `pages[${i}]`
      const path = typeof page.name === 'string' && page.name !== '' ? page.name : jsonPath
      nodes.push({ kind: 'page', className: 'page', json: page, jsonPath, path, question: null })
      addElements(page.elements, jsonPath)
    })
  }
  // SurveyJS also accepts elements at the root (it wraps them in a page).
  addElements(definition.elements, '')
  return nodes
}

// Every property value that SurveyJS treats as localisable (title, description, choice text,
// dontKnowText, ...), found through survey-core's own metadata rather than a hand-kept list.
export function localisedStrings(nodes: SurveyNode[]): LocalisedString[] {
  const out: LocalisedString[] = []
  for (const node of nodes) {
    if (!node.className) continue
    for (const key of Object.keys(node.json)) {
      if (Serializer.findProperty(node.className, key)?.isLocalizable) {
        out.push({ node, key, path: join(node.path, key), value: node.json[key] })
      }
    }
  }
  return out
}

export function scoredItems(definition: JsonObject): ScoredItem[] {
  return surveyNodes(definition)
    .filter((n) => n.kind === 'question' && n.json.scored === true)
    .map((n) => ({
      name: String(n.json.name),
      values: (Array.isArray(n.json.choices) ? n.json.choices : []).map((c) =>
        c && typeof c === 'object' ? c.value : c,
      ),
      // survey-core stores the built-in "Don't know" item under this value.
      notApplicable: n.json.showDontKnowItem === true ? settings.dontKnowItemValue : null,
    }))
}

const PREFERRED = ['fi', 'sv', 'en']

// Languages that some localised string (or the default locale) is written in; fi, sv, en first.
export function surveyLanguages(definition: JsonObject): string[] {
  const found = new Set<string>()
  if (typeof definition.locale === 'string' && definition.locale !== '') found.add(definition.locale)
  for (const s of localisedStrings(surveyNodes(definition))) {
    if (s.value && typeof s.value === 'object') {
      for (const lang of Object.keys(s.value)) if (lang !== 'default') found.add(lang)
    }
  }
  const rest = [...found].filter((l) => !PREFERRED.includes(l)).sort()
  return [...PREFERRED.filter((l) => found.has(l)), ...rest]
}
