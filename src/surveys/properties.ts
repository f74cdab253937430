// Registers Laatu's one custom SurveyJS property. Import this module (for its side effect)
// before building a Model or linting, otherwise survey-core drops or flags "scored".
import { Serializer } from 'survey-core'

// A scored item feeds the quality index and the fee; every other question is informative only.
if (!Serializer.findProperty('question', 'scored')) {
  Serializer.addProperty('question', { name: 'scored:boolean', default: false, category: 'laatu' })
}
