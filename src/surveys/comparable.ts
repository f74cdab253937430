// Whether a new survey version may pool its scores with an earlier one ("comparableTo"): it must ask the same
// scored items, each with the same points, values and anchor texts in every language the earlier version has.
// Titles, descriptions and unscored questions may change. No Node APIs here.
import { isJsonObject, type JsonObject, type SurveyNode, surveyNodes } from './scored-items.ts'

function scoredQuestions(definition: JsonObject): Map<string, SurveyNode> {
  const out = new Map<string, SurveyNode>()
  for (const n of surveyNodes(definition)) if (n.kind === 'question' && n.json.scored === true) out.set(n.path, n)
  return out
}

const choicesOf = (q: SurveyNode): unknown[] => (Array.isArray(q.json.choices) ? q.json.choices : [])
const pointValue = (c: unknown) => (isJsonObject(c) ? c.value : c)
const textsOf = (c: unknown): Record<string, unknown> => {
  const text = isJsonObject(c) ? c.text : undefined
  if (isJsonObject(text)) return text
  return text === undefined ? {} : { default: text }
}

/** The reasons the later definition is not comparable to the earlier one; empty when it is. */
export function comparabilityBreaks(earlier: JsonObject, later: JsonObject): string[] {
  const before = scoredQuestions(earlier)
  const after = scoredQuestions(later)
  const breaks: string[] = []
  for (const name of after.keys())
    if (!before.has(name)) breaks.push(`scored item "${name}" is new; the index would count different items`)
  for (const [name, old] of before) {
    const now = after.get(name)
    if (!now) {
      breaks.push(`scored item "${name}" is gone or no longer scored`)
      continue
    }
    const [a, b] = [choicesOf(old), choicesOf(now)]
    if (a.length !== b.length) {
      breaks.push(`"${name}" has ${b.length} points instead of ${a.length}`)
      continue
    }
    a.forEach((choice, k) => {
      if (pointValue(choice) !== pointValue(b[k]))
        breaks.push(
          `"${name}" point ${k + 1} has the value ${JSON.stringify(pointValue(b[k]))} instead of ${JSON.stringify(pointValue(choice))}`,
        )
      const [was, is] = [textsOf(choice), textsOf(b[k])]
      for (const lang of Object.keys(was))
        if (was[lang] !== is[lang]) breaks.push(`"${name}" point ${k + 1} reads differently in ${lang}`)
    })
    if ((old.json.showDontKnowItem === true) !== (now.json.showDontKnowItem === true))
      breaks.push(`"${name}" adds or drops its "cannot say" option`)
  }
  return breaks
}
