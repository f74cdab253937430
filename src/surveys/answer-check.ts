// A completion's answers judged without survey-core's SurveyModel: loading them into the model notifies
// and reruns every condition, then its validation walks every page and question, which is most of a
// completion's CPU. For a survey built only from what this module knows (the question types, properties,
// validators and conditions listed below) the same verdict is a loop over the questions. Only a survey
// outside that list, or answers this check rejects, go to the model, so its error messages are unchanged.
// test/answer-check-property.test.ts holds this to the model's verdict on every built-in survey.
import { ConditionRunner, Helpers, type Model, type Question, type SurveyValidator } from 'survey-core'
import type { JsonObject } from './scored-items.ts'

type Value = string | number | boolean

/** The visible answers in the order given when the survey's rules accept them all; null: ask the model. */
export type AnswerCheck = (answers: Readonly<Record<string, Value>>) => Record<string, Value> | null

type QuestionCheck = {
  name: string
  required: boolean
  visibleIf: Condition | null
  /** The answers a choice question offers (every one its definition gives); null for text. */
  values: Value[] | null
  /** A text answer's own rules: its validators and the input type's range. */
  accepts: (value: Value) => boolean
}

const SURVEY_KEYS = new Set(['locale', 'title', 'description', 'pages'])
const PAGE_KEYS = new Set(['name', 'title', 'description', 'elements'])
// Texts and Laatu's own properties (src/surveys/properties.ts) change no verdict.
const COMMON_KEYS = [
  'type',
  'name',
  'title',
  'description',
  'isRequired',
  'requiredErrorText',
  'visibleIf',
  'scored',
  'cumulative',
  'reportsOutcome',
  'outcomeValueDivisor',
]
const SPECIAL_KEYS = [
  'showDontKnowItem',
  'dontKnowText',
  'showNoneItem',
  'noneText',
  'showRefuseItem',
  'refuseText',
  'separateSpecialChoices',
]
const TYPE_KEYS: Record<string, Set<string>> = {
  radiogroup: new Set([...COMMON_KEYS, ...SPECIAL_KEYS, 'choices']),
  rating: new Set([
    ...COMMON_KEYS,
    'rateMin',
    'rateMax',
    'rateStep',
    'rateValues',
    'minRateDescription',
    'maxRateDescription',
  ]),
  boolean: new Set([...COMMON_KEYS, 'labelTrue', 'labelFalse']),
  comment: new Set([...COMMON_KEYS, 'maxLength', 'placeholder']),
  text: new Set([...COMMON_KEYS, 'maxLength', 'placeholder', 'inputType', 'validators']),
}
// No mask, step, min or max: a number's only rules are its validators, a date's the range survey-core gives it.
const INPUT_TYPES = new Set(['text', 'number', 'date'])
const VALIDATOR_KEYS: Record<string, Set<string>> = {
  numeric: new Set(['type', 'text', 'minValue', 'maxValue']),
  regex: new Set(['type', 'text', 'regex', 'caseInsensitive']),
}

const isObject = (x: unknown): x is JsonObject => typeof x === 'object' && x !== null && !Array.isArray(x)
const only = (o: JsonObject, keys: Set<string>) => Object.keys(o).every((k) => keys.has(k))
/** Choice items without conditions of their own: a value, perhaps a text. */
const plainItems = (items: unknown) =>
  items === undefined ||
  (Array.isArray(items) && items.every((c) => !isObject(c) || only(c, new Set(['value', 'text']))))

function simpleQuestion(q: unknown): boolean {
  if (!isObject(q) || typeof q.type !== 'string') return false
  const keys = TYPE_KEYS[q.type]
  if (!keys || !only(q, keys) || !plainItems(q.choices) || !plainItems(q.rateValues)) return false
  if (q.inputType !== undefined && !INPUT_TYPES.has(String(q.inputType))) return false
  if (q.validators === undefined) return true
  return (
    Array.isArray(q.validators) &&
    q.validators.every((v) => isObject(v) && typeof v.type === 'string' && only(v, VALIDATOR_KEYS[v.type] ?? new Set()))
  )
}

/** Whether every part of the definition is one this check judges exactly as survey-core does. */
function simpleDefinition(definition: JsonObject): boolean {
  const pages = definition.pages
  return (
    only(definition, SURVEY_KEYS) &&
    Array.isArray(pages) &&
    pages.every((p) => {
      const elements = isObject(p) ? (p.elements ?? []) : null
      return isObject(p) && only(p, PAGE_KEYS) && Array.isArray(elements) && elements.every(simpleQuestion)
    })
  )
}

// survey-core's own comparison for a date's range: a private method of the text question.
type MinMax = { renderedMin: unknown; renderedMax: unknown; getCalculatedMinMax(v: unknown): number | Date }

/** A text answer's rules, as the text question's own check and survey-core's validators apply them. */
function textRules(q: Question): (value: Value) => boolean {
  const validators: SurveyValidator[] = q.getValidators()
  const range = q.getType() === 'text' ? (q as unknown as MinMax) : null
  const [min, max] = range ? [range.renderedMin, range.renderedMax] : [undefined, undefined]
  return (value) => {
    for (const v of validators) if (v.validate(value, q.name)?.error) return false
    if (!range) return true
    const at = range.getCalculatedMinMax(value)
    if (!Helpers.isValueEmpty(min) && at < range.getCalculatedMinMax(min)) return false
    return Helpers.isValueEmpty(max) || !(at > range.getCalculatedMinMax(max))
  }
}

type Condition = (values: Readonly<Record<string, Value>>) => boolean

/** Conditions remembered per condition: enough for every combination of a few choice answers. */
const CONDITION_MEMORY = 64

/**
 * A condition on answers alone (no functions, only question names), or false for any other. Its verdict
 * depends only on the values of the questions it names, so it is remembered by them: survey-core's
 * evaluation (parsing each constant again) then runs once per combination and isolate, not per answer.
 */
function conditionOf(expression: string, names: Set<string>): Condition | null | false {
  if (!expression) return null
  const runner = new ConditionRunner(expression)
  if (!runner.canRun() || runner.hasFunction() || runner.isAsync) return false
  const variables = runner.getVariables()
  if (!variables.every((v) => names.has(v))) return false
  const memory = new Map<string, boolean>()
  return (values) => {
    const key = JSON.stringify(variables.map((v) => values[v] ?? null))
    let verdict = memory.get(key)
    if (verdict === undefined) {
      verdict = runner.runValues(values)
      if (memory.size >= CONDITION_MEMORY) memory.clear()
      memory.set(key, verdict)
    }
    return verdict
  }
}

/** survey-core's emptiness (Helpers.isValueEmpty) for the values an answer can take. */
const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || Number.isNaN(v)

/**
 * The check for a survey compiled into `model` (built from `definition` with no answers loaded), or null
 * when the survey uses something the check does not judge. `choices` gives each choice question's domain.
 */
export function answerCheck(
  definition: JsonObject,
  model: Model,
  choices: (q: Question) => Value[] | null,
): AnswerCheck | null {
  if (!simpleDefinition(definition)) return null
  const questions = model.getAllQuestions()
  const names = new Set(questions.map((q) => q.name))
  const checks: QuestionCheck[] = []
  for (const q of questions) {
    const visibleIf = conditionOf(q.visibleIf ?? '', names)
    if (visibleIf === false) return null
    const values = choices(q)
    checks.push({
      name: q.name,
      required: q.isRequired,
      visibleIf,
      values,
      accepts: values ? () => true : textRules(q),
    })
  }
  return (answers) => {
    // The conditions see what the model would hold: the answers to this survey's questions, nothing else.
    const values: Record<string, Value> = {}
    for (const c of checks) if (!isEmpty(answers[c.name])) values[c.name] = answers[c.name]
    const visible = new Set<string>()
    for (const c of checks) {
      if (c.visibleIf && !c.visibleIf(values)) continue
      visible.add(c.name)
      const value = values[c.name]
      // Required means more than blanks; a blank answer is still held to the question's rules.
      if (c.required && (value === undefined || (typeof value === 'string' && value.trim() === ''))) return null
      if (value === undefined) continue
      if (c.values ? !c.values.includes(value) : !c.accepts(value)) return null
    }
    const kept: Record<string, Value> = {}
    for (const name of Object.keys(answers)) if (visible.has(name)) kept[name] = answers[name]
    return kept
  }
}
