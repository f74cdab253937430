// npm run bench:survey — CPU time of validating one completion, the way the Worker does it
// (one compiled survey per version, reused) against the naive way (a survey-core Model per request),
// measured in the same process on the same answers. Prints per-completion CPU ms and the ratio.
import { Model } from 'survey-core'
import '../src/surveys/properties.ts'
import { scoreResponse } from '../src/domain/response-score.ts'
import { findVersion } from '../src/surveys/catalog.ts'
import { SurveyRuntime } from '../src/surveys/runtime.ts'

const ROUNDS = Number(process.env.ROUNDS ?? 2000)
const survey = findVersion('cx-company', 1)!
// Two respondents in turn, so the reused model really changes its values between completions.
const respondents: Array<Record<string, string>> = [
  {
    need_clarity: '4',
    employer_obligations: '3',
    recruitment_plan: 'dontknow',
    candidate_channels: '2',
    recruitment_decision: '4',
    use_again: 'no_service',
    missing_from_service: 'More candidates',
    comment: 'Fine',
  },
  {
    need_clarity: '1',
    employer_obligations: '2',
    recruitment_plan: '3',
    candidate_channels: 'dontknow',
    recruitment_decision: '1',
    use_again: 'same_provider',
  },
]
let turn = 0
const next = () => respondents[turn++ % respondents.length]

function cpuMs(run: () => void, rounds: number): number {
  const start = process.cpuUsage()
  for (let i = 0; i < rounds; i++) run()
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000 / rounds
}

const runtime = new SurveyRuntime(survey.id, survey.version, survey.definition)
const compiled = () => {
  const { answers: normalised, issues } = runtime.normalise(next())
  if (issues.length) throw new Error('unexpected issues')
  const checked = runtime.validate(normalised, 'fi', 'all')
  if (checked.issues.length) throw new Error(JSON.stringify(checked.issues))
  scoreResponse(runtime.scored, checked.answers)
}
const naive = () => {
  const model = new Model(survey.definition)
  model.data = { ...next() }
  model.validate(false)
}

// Warm both paths so the JIT has seen them before timing.
cpuMs(compiled, 200)
cpuMs(naive, 50)
const compiledMs = cpuMs(compiled, ROUNDS)
const naiveMs = cpuMs(naive, Math.max(50, Math.floor(ROUNDS / 10)))
console.log(`completion validation, cx-company v1, ${ROUNDS} rounds`)
console.log(`  compiled survey (reused per version): ${compiledMs.toFixed(3)} ms CPU per completion`)
console.log(`  new survey-core Model per request:    ${naiveMs.toFixed(3)} ms CPU per completion`)
console.log(
  `  ratio naive / compiled: ${(naiveMs / compiledMs).toFixed(1)}x; target < 2 ms: ${compiledMs < 2 ? 'met' : 'NOT met'}`,
)
