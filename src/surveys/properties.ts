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
// A follow-up survey's question that reports an outcome (docs/METHODS.md, "Follow-up surveys"): "<type>" on the
// yes/no question whose "yes" says the outcome happened, "<type>.occurredOn" on its date and "<type>.value" on
// its amount, which is divided by outcomeValueDivisor (weekly hours / 37.5 = full-time equivalents).
if (!Serializer.findProperty('question', 'reportsOutcome')) {
  Serializer.addProperty('question', { name: 'reportsOutcome', category: 'laatu' })
}
if (!Serializer.findProperty('question', 'outcomeValueDivisor')) {
  Serializer.addProperty('question', { name: 'outcomeValueDivisor:number', default: 1, category: 'laatu' })
}
