// Registers Laatu's custom SurveyJS properties. Import this module (for its side effect)
// before building a Model or linting, otherwise survey-core drops or flags "scored" and "cumulative".
import { Serializer } from 'survey-core'

// A scored item feeds the quality index and the fee; every other question is informative only.
if (!Serializer.findProperty('question', 'scored')) {
  Serializer.addProperty('question', { name: 'scored:boolean', default: false, category: 'laatu' })
}
// The author's statement that each point of a scored scale implies the points below it (docs/METHODS.md,
// "Scale wording rules"); without it the question must tell respondents to choose the last true statement.
if (!Serializer.findProperty('question', 'cumulative')) {
  Serializer.addProperty('question', { name: 'cumulative:boolean', default: false, category: 'laatu' })
}
