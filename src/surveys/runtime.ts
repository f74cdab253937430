// One compiled survey per version and isolate: survey-core's Model (texts, locales, order,
// conditions, validation) is built once, and the answer domain of every question is derived
// from it once, so a request costs a data assignment and a validation, not a model build.
import {
  type ItemValue,
  type LocalizableString,
  Model,
  type Question,
  type QuestionBooleanModel,
  type QuestionRatingModel,
  type QuestionSelectBase,
  type QuestionTextBase,
  type QuestionTextModel,
  settings,
} from 'survey-core'
import 'survey-core/i18n/finnish'
import 'survey-core/i18n/swedish'
import './properties.ts'
import { Lru } from '../lib/lru.ts'
import { plainTextProblem } from '../lib/plain-text.ts'
import type { Language } from '../schemas/common.ts'
import { type AnswerCheck, answerCheck } from './answer-check.ts'
import { findVersion } from './catalog.ts'
import { type JsonObject, type ScoredItem, scoredItems } from './scored-items.ts'

export type Answers = Record<string, string | number | boolean>
export type AnswerIssue = { path: string; question: string; message: string }

type Domain = { kind: 'choice'; values: Array<string | number | boolean> } | { kind: 'text'; maxLength: number }

type QuestionSpec = { name: string; type: string; page: number; domain: Domain }

export type ChoiceView = { value: string; text: string }
export type QuestionView = {
  name: string
  type: string
  title: string
  description: string
  isRequired: boolean
  inputType: string
  maxLength: number
  choices: ChoiceView[]
  /** "Cannot say" and other special choices, shown apart from the scale. */
  special: ChoiceView[]
  value: string | null
  errors: string[]
}
export type PageView = {
  index: number
  count: number
  title: string
  description: string
  surveyTitle: string
  surveyDescription: string
  questions: QuestionView[]
}

/** Long enough for a real comment, short enough to keep one response small. */
const DEFAULT_MAX_TEXT = 2000

// survey-core sets these on boolean questions at run time but leaves them out of its typings.
type BooleanLabels = { locLabelTrue?: LocalizableString; locLabelFalse?: LocalizableString }

type Item = Pick<ItemValue, 'value' | 'text'>

/**
 * The answers a question offers (scale points, choices, "cannot say", a boolean's two labels), in the model's
 * locale: those the loaded answers leave visible, or (`every`) all the definition gives, whatever the answers
 * hide by choicesVisibleIf or an item's visibleIf.
 */
function offeredItems(q: Question, which: 'visible' | 'every'): Item[] {
  const type = q.getType()
  if (type === 'rating') {
    const r = q as QuestionRatingModel
    // Generated points (rateMin..rateMax) have no condition; authored rateValues may.
    return which === 'every' && r.rateValues.length > 0 && !r.autoGenerate ? r.rateValues : r.visibleRateValues
  }
  if (type === 'boolean') {
    const b = q as QuestionBooleanModel & BooleanLabels
    return [
      { value: b.getValueTrue(), text: b.locLabelTrue?.renderedHtml ?? 'Yes' },
      { value: b.getValueFalse(), text: b.locLabelFalse?.renderedHtml ?? 'No' },
    ]
  }
  const select = q as Partial<QuestionSelectBase>
  if (which === 'visible' || !select.choices) return select.visibleChoices ?? []
  const special: Array<[boolean | undefined, ItemValue | undefined]> = [
    [select.showNoneItem, select.noneItem],
    [select.showRefuseItem, select.refuseItem],
    [select.showDontKnowItem, select.dontKnowItem],
    [select.showOtherItem, select.otherItem],
  ]
  return [...select.choices, ...special.flatMap(([shown, item]) => (shown && item ? [item] : []))]
}

/** What a question accepts: every answer its definition offers (the model is built with no answers loaded). */
function domainOf(q: Question): Domain {
  if (['radiogroup', 'rating', 'boolean'].includes(q.getType()))
    return { kind: 'choice', values: offeredItems(q, 'every').map((c) => c.value) }
  const max = (q as Partial<QuestionTextBase>).getMaxLength?.()
  return { kind: 'text', maxLength: max > 0 ? max : DEFAULT_MAX_TEXT }
}

const asViews = (items: Item[]): ChoiceView[] =>
  items.map((c) => ({ value: String(c.value), text: String(c.text ?? c.value) }))

export class SurveyRuntime {
  readonly id: string
  readonly version: number
  readonly definition: JsonObject
  readonly scored: ScoredItem[]
  readonly questions: Map<string, QuestionSpec>
  private readonly model: Model
  /** A completion's check without the model, for a survey of simple questions; null otherwise. */
  readonly answerCheck: AnswerCheck | null

  constructor(id: string, version: number, definition: JsonObject) {
    this.id = id
    this.version = version
    this.definition = definition
    this.scored = scoredItems(definition)
    this.model = new Model(definition)
    this.questions = new Map()
    this.model.pages.forEach((page, pageIndex) => {
      for (const q of page.questions)
        this.questions.set(q.name, { name: q.name, type: q.getType(), page: pageIndex, domain: domainOf(q) })
    })
    this.answerCheck = answerCheck(definition, this.model, (q) => {
      const domain = this.questions.get(q.name)?.domain
      return domain?.kind === 'choice' ? domain.values : null
    })
  }

  /**
   * Checks that every answer names a question of this version and lies in its domain, and returns the
   * answers in their canonical types (a form's "3" becomes the scale's 3). Empty answers are dropped.
   */
  normalise(input: Record<string, unknown>): { answers: Answers; issues: AnswerIssue[] } {
    const answers: Answers = {}
    const issues: AnswerIssue[] = []
    for (const [name, raw] of Object.entries(input)) {
      const spec = this.questions.get(name)
      const path = `answers.${name}`
      if (!spec) {
        issues.push({ path, question: name, message: `no question "${name}" in ${this.id} v${this.version}` })
        continue
      }
      if (raw === null || raw === undefined || raw === '') continue
      if (spec.domain.kind === 'choice') {
        const match = spec.domain.values.find((v) => v === raw || (typeof raw === 'string' && String(v) === raw))
        if (match === undefined) {
          issues.push({
            path,
            question: name,
            message: `${JSON.stringify(raw)} is not one of ${spec.domain.values.map((v) => JSON.stringify(v)).join(', ')}`,
          })
        } else answers[name] = match
      } else if (typeof raw !== 'string') {
        issues.push({ path, question: name, message: `must be text` })
      } else if (raw.length > spec.domain.maxLength) {
        issues.push({ path, question: name, message: `must be at most ${spec.domain.maxLength} characters` })
      } else if (plainTextProblem(raw, 'answer')) {
        issues.push({ path, question: name, message: `${plainTextProblem(raw, 'answer')}` })
      } else if (raw.trim() !== '') answers[name] = raw.trim()
    }
    return { answers, issues }
  }

  private load(answers: Answers, locale: Language): Model {
    // The shared model is only used synchronously, so concurrent requests cannot see each other's data.
    this.model.locale = locale
    // Only the values that differ are set, without per-value notifications, and the conditions run
    // once at the end: a notified setValue costs ~0.25 ms each and clear() plus new data ~1.5 ms,
    // which would spend a completion's whole CPU budget.
    let changed = false
    for (const name of this.questions.keys()) {
      const next = answers[name]
      if (this.model.getValue(name) === next) continue
      this.model.setValue(name, next, true, false)
      changed = true
    }
    // runConditions is internal in survey-core's typings; the visibility tests pin its behaviour.
    if (changed) (this.model as unknown as { runConditions(): void }).runConditions()
    return this.model
  }

  /**
   * The answers' validation over the whole survey or one page (see validateWithModel). The whole survey's
   * answers go first through the survey's answer check, when it has one: what it accepts, the model would
   * accept alike; anything else the model judges, with its messages.
   */
  validate(answers: Answers, locale: Language, page: number | 'all'): { answers: Answers; issues: AnswerIssue[] } {
    const accepted = page === 'all' && this.answerCheck ? this.answerCheck(answers) : null
    if (accepted) return { answers: accepted, issues: [] }
    return this.validateWithModel(answers, locale, page)
  }

  /**
   * survey-core's own validation (required answers, validators, visibility conditions) over the whole
   * survey or one page, with messages in the respondent's language. Answers to questions that the
   * conditions hide are dropped, as SurveyJS does on completion.
   */
  validateWithModel(
    answers: Answers,
    locale: Language,
    page: number | 'all',
  ): { answers: Answers; issues: AnswerIssue[] } {
    const model = this.load(answers, locale)
    const pages = page === 'all' ? model.pages : [model.pages[page]].filter(Boolean)
    const issues: AnswerIssue[] = []
    for (const p of pages) {
      if (!p.isVisible) continue
      p.validate(true, false)
      for (const q of p.questions) {
        if (!q.isVisible) continue
        for (const e of q.errors) issues.push({ path: `answers.${q.name}`, question: q.name, message: e.getText() })
      }
    }
    const visible: Answers = {}
    for (const [name, value] of Object.entries(answers)) {
      if (model.getQuestionByName(name)?.isVisible) visible[name] = value
    }
    return { answers: visible, issues }
  }

  /**
   * Every question in survey order with the labels of its answers in one language, keyed by the answer's
   * value as text ("cannot say" included); a free-text question has none.
   */
  answerLabels(locale: Language): Array<{ name: string; labels: Map<string, string> }> {
    // Every choice of the definition: what the shared model last loaded (another respondent's answers) hides
    // must still have its label. The locale is put back as it was.
    const previous = this.model.locale
    this.model.locale = locale
    try {
      return this.model.getAllQuestions().map((q) => ({
        name: q.name,
        labels: new Map(asViews(offeredItems(q, 'every')).map((c) => [c.value, c.text])),
      }))
    } finally {
      this.model.locale = previous
    }
  }

  get pageCount(): number {
    return this.model.pages.length
  }

  /** The first page that still has an unanswered required, visible question; else the last page. */
  resumePage(answers: Answers, locale: Language): number {
    const model = this.load(answers, locale)
    const index = model.pages.findIndex(
      (p) => p.isVisible && p.questions.some((q) => q.isVisible && q.isRequired && q.isEmpty()),
    )
    return index === -1 ? model.pages.length - 1 : index
  }

  /** Everything a page renderer needs, as plain data in one language. */
  view(answers: Answers, locale: Language, page: number, errors: AnswerIssue[] = []): PageView {
    const model = this.load(answers, locale)
    const p = model.pages[Math.min(Math.max(page, 0), model.pages.length - 1)]
    const special = new Set([settings.noneItemValue, settings.refuseItemValue, settings.dontKnowItemValue])
    const questions = p.questions
      .filter((q) => q.isVisible)
      .map((q): QuestionView => {
        const items = asViews(offeredItems(q, 'visible'))
        const value = answers[q.name]
        return {
          name: q.name,
          type: q.getType(),
          title: q.title,
          description: q.description ?? '',
          isRequired: q.isRequired,
          inputType: (q as Partial<QuestionTextModel>).inputType ?? 'text',
          maxLength:
            this.questions.get(q.name)!.domain.kind === 'text'
              ? (this.questions.get(q.name)!.domain as { maxLength: number }).maxLength
              : 0,
          choices: items.filter((c) => !special.has(c.value)),
          special: items.filter((c) => special.has(c.value)),
          value: value === undefined ? null : String(value),
          errors: errors.filter((e) => e.question === q.name).map((e) => e.message.replace(/^answers\.[^:]+: /, '')),
        }
      })
    return {
      index: model.pages.indexOf(p),
      count: model.pages.length,
      title: p.title ?? '',
      description: p.description ?? '',
      surveyTitle: model.title ?? '',
      surveyDescription: model.description ?? '',
      questions,
    }
  }
}

// Only published versions are kept here: they never change, so an entry is never stale. A draft is compiled
// with `new SurveyRuntime` on each use. Authored versions multiply, so the least recently used one goes once
// more than COMPILED_CACHE_SIZE are kept.
export const COMPILED_CACHE_SIZE = 100
const compiled = new Lru<SurveyRuntime>(COMPILED_CACHE_SIZE)

export function cachedRuntime(id: string, version: number): SurveyRuntime | undefined {
  return compiled.get(`${id}@${version}`)
}

/** Compiles a published version (about 10 ms of CPU) and keeps it, evicting the least recently used beyond the cap. */
export function compilePublished(id: string, version: number, definition: JsonObject): SurveyRuntime {
  const runtime = new SurveyRuntime(id, version, definition)
  compiled.set(`${id}@${version}`, runtime)
  return runtime
}

/** The compiled survey of a built-in version (the files in surveys/), or undefined if there is none. */
export function surveyRuntime(id: string, version: number): SurveyRuntime | undefined {
  const cached = cachedRuntime(id, version)
  if (cached) return cached
  const found = findVersion(id, version)
  return found && compilePublished(id, version, found.definition)
}
