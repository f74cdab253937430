// The scale linter: survey-core's own linter plus Laatu's rules for unambiguous scales.
// No Node APIs here: the Worker runs this too (e.g. when a survey version is uploaded).
import './properties.ts'
import { lintSurvey } from 'survey-core/linter'
import { contrastIn, hasLastTrueInstruction, joinedCriteria } from './anchor-rules.ts'
import { EXPORT_FIXED_COLUMNS, LABEL_SUFFIX } from './export-columns.ts'
import { type Localised, localise, type MessageKey, type MessageParams } from './lint-messages.ts'
import { ALLOWED_TYPES } from './question-types.ts'
import {
  isJsonObject,
  type JsonObject,
  localisedStrings,
  type SurveyNode,
  surveyLanguages,
  surveyNodes,
} from './scored-items.ts'
import {
  cannotSayPhraseIn,
  concreteWords,
  isVagueAnchor,
  LANGUAGES,
  MIN_CONCRETE_WORDS,
  vagueQuantifiersIn,
} from './vague-words.ts'

export type LintFinding = {
  /** Where in the JSON: pages[0].elements[2].choices[3].text.fi (the form survey-core's linter uses). */
  path: string
  /** The same place named for a reader: the question's name instead of its position (need_clarity.choices[3]). */
  namedPath: string
  /** The name of the question the finding concerns, or null for the survey or a page. */
  question: string | null
  rule: string
  /** In English, for the command line. */
  message: string
  messages: Localised
  severity: 'error' | 'warning'
}

/**
 * builtin: the shipped templates keep issue 13's warnings. authored: a procurer's draft, where every rule a
 * respondent's answer depends on (a "cannot say" option outside the scale included) is an error.
 */
export type LintMode = 'builtin' | 'authored'

export const RULES = {
  questionType: 'laatu/question-type',
  scoredShape: 'laatu/scored-shape',
  unlabelledPoint: 'laatu/unlabelled-point',
  duplicateLabel: 'laatu/duplicate-label',
  missingTranslation: 'laatu/missing-translation',
  scaleDirection: 'laatu/scale-direction',
  cannotSayInScale: 'laatu/cannot-say-in-scale',
  vagueAnchor: 'laatu/vague-anchor',
  noCannotSayOption: 'laatu/no-cannot-say-option',
  joinedCriteria: 'laatu/joined-criteria',
  nonCumulativeScale: 'laatu/non-cumulative-scale',
  exportColumn: 'laatu/export-column',
  scoredAnswerAltered: 'laatu/scored-answer-altered',
} as const

export { ALLOWED_TYPES }

const SCALE_SIZES = [4, 5]
// Settings that add, hide or reorder points of a scored scale behind the respondent's back.
const SCALE_ALTERING = [
  'choicesByUrl',
  'choicesFromQuestion',
  'choicesVisibleIf',
  'showOtherItem',
  'showNoneItem',
  'showRefuseItem',
]

/**
 * Settings that hide a scored item, fill in its answer, lock it or store it under another name, so that the score
 * would not be the respondent's own answer to the item as shown; each with the value that does it.
 */
const ANSWER_ALTERING: Array<[string, (value: unknown) => boolean]> = [
  ['valueName', (v) => v !== undefined && v !== ''],
  ['visibleIf', (v) => v !== undefined && v !== ''],
  ['visible', (v) => v === false],
  ['enableIf', (v) => v !== undefined && v !== ''],
  ['readOnly', (v) => v === true],
  ['defaultValue', (v) => v !== undefined],
  ['defaultValueExpression', (v) => v !== undefined && v !== ''],
  ['correctAnswer', (v) => v !== undefined],
  ['setValueIf', (v) => v !== undefined && v !== ''],
  ['setValueExpression', (v) => v !== undefined && v !== ''],
]
// A page or panel hiding its elements hides the scored items in it.
const CONTAINER_HIDING = ANSWER_ALTERING.filter(([key]) => key === 'visibleIf' || key === 'visible')
// Survey triggers that write a question's answer (setToName names the question).
const ANSWER_TRIGGERS = ['setvalue', 'copyvalue', 'runexpression']

type Report = <K extends MessageKey>(
  at: { node: SurveyNode; suffix?: string },
  rule: string,
  key: K,
  params: MessageParams<K>,
  severity?: LintFinding['severity'],
) => void

const joinPath = (base: string, suffix: string) =>
  suffix === '' ? base : base === '' || suffix.startsWith('[') ? `${base}${suffix}` : `${base}.${suffix}`

function finding<K extends MessageKey>(
  at: { path: string; namedPath: string; question: string | null },
  rule: string,
  key: K,
  params: MessageParams<K>,
  severity: LintFinding['severity'],
): LintFinding {
  const messages = (localise as (k: K, p: MessageParams<K>) => Localised)(key, params)
  return { ...at, rule, message: messages.en, messages, severity }
}

/** `ref` names the survey version; findings do not depend on it (the caller prints it). */
export function lintSurveyDefinition(
  definition: unknown,
  ref: { id: string; version: number },
  mode: LintMode = 'builtin',
): LintFinding[] {
  void ref
  const findings: LintFinding[] = []
  const report: Report = ({ node, suffix = '' }, rule, key, params, severity = 'error') =>
    findings.push(
      finding(
        { path: joinPath(node.jsonPath, suffix), namedPath: joinPath(node.path, suffix), question: node.question },
        rule,
        key,
        params,
        severity,
      ),
    )
  if (!isJsonObject(definition)) {
    const at = { path: '', namedPath: '', question: null }
    return [finding(at, 'laatu/not-a-survey', 'notASurvey', undefined, 'error')]
  }
  const nodes = surveyNodes(definition)
  findings.push(...surveyCoreFindings(definition, nodes))
  // Every language the survey uses anywhere must be complete, and fi, sv, en are always offered.
  const languages = [...new Set([...LANGUAGES, ...surveyLanguages(definition)])]
  for (const node of nodes) {
    if (node.kind !== 'question') continue
    checkType(node, report)
    for (const key of ['scored', 'cumulative']) {
      if (node.json[key] !== undefined && typeof node.json[key] !== 'boolean') {
        report({ node, suffix: key }, RULES.scoredShape, 'notBoolean', { key })
      }
    }
    if (node.json.scored === true) {
      checkScoredItem(node, report, mode)
      checkAnswerAltering(node, nodes, definition, report, mode)
      checkJoinedCriteria(node, report)
      checkCumulative(node, nodes, languages, report)
    }
    checkChoiceLabels(node, report)
  }
  checkTranslations(nodes, languages, report)
  checkExportColumns(nodes, report, mode)
  return findings
}

/**
 * A question name must not take a column of the response export that is not its own: a fixed column
 * (language, wave, ...) or another question's label column (<name>_label). An error for an authored survey.
 */
function checkExportColumns(nodes: SurveyNode[], report: Report, mode: LintMode) {
  const questions = nodes.filter((n) => n.kind === 'question' && n.question !== null)
  const names = new Set(questions.map((n) => n.question))
  const severity = mode === 'authored' ? 'error' : 'warning'
  for (const node of questions) {
    const name = node.question!
    const stem = name.endsWith(LABEL_SUFFIX) ? name.slice(0, -LABEL_SUFFIX.length) : null
    if (EXPORT_FIXED_COLUMNS.includes(name)) {
      const columns = EXPORT_FIXED_COLUMNS.join(', ')
      report({ node, suffix: 'name' }, RULES.exportColumn, 'fixedColumnName', { name, columns }, severity)
    } else if (stem !== null && names.has(stem)) {
      report({ node, suffix: 'name' }, RULES.exportColumn, 'labelColumnName', { name, stem }, severity)
    }
  }
}

function surveyCoreFindings(definition: JsonObject, nodes: SurveyNode[]): LintFinding[] {
  let result: ReturnType<typeof lintSurvey>
  try {
    // survey-core only lists locales whose UI translations are loaded, which the Worker never
    // loads, so it would flag a valid "locale": "fi".
    result = lintSurvey(definition, { suppress: [{ ruleId: 'property/invalid-value', path: 'locale' }] })
  } catch (e) {
    const at = { path: '', namedPath: '', question: null }
    return [finding(at, 'surveyjs/crash', 'surveyCoreCrash', { error: String(e) }, 'error')]
  }
  return result.findings
    .filter((f) => f.severity === 'error' || f.severity === 'warning')
    .map((f) =>
      finding(
        located(f.path, nodes),
        `surveyjs/${f.ruleId}`,
        'surveyCore',
        { message: f.message },
        f.severity as LintFinding['severity'],
      ),
    )
}

// survey-core reports JSON paths (pages[0].elements[2].choices[1]); the deepest node they lie in names the question.
function located(jsonPath: string, nodes: SurveyNode[]) {
  let best: SurveyNode | undefined
  for (const n of nodes) {
    if (n.jsonPath === '' || (best && best.jsonPath.length >= n.jsonPath.length)) continue
    const rest = jsonPath.slice(n.jsonPath.length)
    if (jsonPath.startsWith(n.jsonPath) && (rest === '' || rest[0] === '.' || rest[0] === '[')) best = n
  }
  return {
    path: jsonPath,
    namedPath: best ? best.path + jsonPath.slice(best.jsonPath.length) : jsonPath,
    question: best?.question ?? null,
  }
}

function checkType(node: SurveyNode, report: Report) {
  const type = node.json.type
  if (typeof type !== 'string' || type === '') {
    report({ node }, RULES.questionType, 'noType', undefined)
  } else if (!ALLOWED_TYPES.includes(type)) {
    report({ node }, RULES.questionType, 'typeNotAllowed', { type, allowed: ALLOWED_TYPES.join(', ') })
  }
}

function checkScoredItem(node: SurveyNode, report: Report, mode: LintMode) {
  const q = node.json
  const choices: unknown[] = Array.isArray(q.choices) ? q.choices : []
  if (q.type !== 'radiogroup') {
    report({ node }, RULES.scoredShape, 'scoredNotRadiogroup', { type: String(q.type) })
  }
  if (!SCALE_SIZES.includes(choices.length)) {
    report({ node }, RULES.scoredShape, 'scalePoints', { found: choices.length })
  }
  for (const key of SCALE_ALTERING) {
    if (q[key] !== undefined && q[key] !== false) {
      report({ node, suffix: key }, RULES.scoredShape, 'scaleAltering', { key })
    }
  }
  if (q.choicesOrder !== undefined && q.choicesOrder !== 'none') {
    report({ node, suffix: 'choicesOrder' }, RULES.scoredShape, 'choicesOrder', undefined)
  }

  const values = choices.map((c) => (c && typeof c === 'object' ? (c as JsonObject).value : c))
  if (values.some((v, i) => v !== i + 1)) {
    const reversed = values.length > 1 && values.every((v, i) => v === values.length - i)
    const at = { node, suffix: 'choices' }
    if (reversed) report(at, RULES.scaleDirection, 'scaleReversed', undefined)
    else report(at, RULES.scaleDirection, 'scaleValues', { count: values.length, found: JSON.stringify(values) })
  }

  choices.forEach((choice, k) => {
    for (const [lang, text] of Object.entries(labelTexts(choice))) {
      const phrase = cannotSayPhraseIn(text)
      if (phrase) {
        const suffix = `choices[${k}].text${lang === 'default' ? '' : `.${lang}`}`
        report({ node, suffix }, RULES.cannotSayInScale, 'cannotSayInScale', { text, phrase })
        break
      }
    }
  })

  if (q.showDontKnowItem !== true) {
    const severity = mode === 'authored' ? 'error' : 'warning'
    report({ node }, RULES.noCannotSayOption, 'noCannotSayOption', undefined, severity)
  }
}

/**
 * A scored item's answer must be the respondent's own to the item as shown: no setting may hide the item (itself
 * or the page or panel holding it), lock it, prefill it, store it under another name or let a trigger write it.
 * An error for an authored survey, a warning for a built-in one.
 */
function checkAnswerAltering(
  node: SurveyNode,
  nodes: SurveyNode[],
  definition: JsonObject,
  report: Report,
  mode: LintMode,
) {
  const severity = mode === 'authored' ? 'error' : 'warning'
  for (const [key, alters] of ANSWER_ALTERING) {
    if (alters(node.json[key])) {
      report({ node, suffix: key }, RULES.scoredAnswerAltered, 'answerAltering', { key }, severity)
    }
  }
  for (const container of nodes) {
    if (container.kind !== 'page' && container.kind !== 'panel') continue
    if (!node.jsonPath.startsWith(`${container.jsonPath}.`)) continue
    for (const [key, hides] of CONTAINER_HIDING) {
      if (!hides(container.json[key])) continue
      const at = { node, suffix: '' }
      report(at, RULES.scoredAnswerAltered, 'containerHidden', { key, container: container.jsonPath }, severity)
    }
  }
  const triggers: unknown[] = Array.isArray(definition.triggers) ? definition.triggers : []
  triggers.forEach((trigger, k) => {
    if (!isJsonObject(trigger) || trigger.setToName !== node.json.name) return
    const type = String(trigger.type ?? '').toLowerCase()
    if (!ANSWER_TRIGGERS.includes(type)) return
    report({ node }, RULES.scoredAnswerAltered, 'answerTriggered', { trigger: type, at: `triggers[${k}]` }, severity)
  })
}

// An anchor must describe one thing, so that a respondent for whom only half of it is true has a point to choose.
function checkJoinedCriteria(node: SurveyNode, report: Report) {
  const choices: unknown[] = Array.isArray(node.json.choices) ? node.json.choices : []
  choices.forEach((choice, k) => {
    for (const [lang, text] of Object.entries(labelTexts(choice))) {
      if (!(LANGUAGES as readonly string[]).includes(lang)) continue
      const joined = joinedCriteria(text, lang as (typeof LANGUAGES)[number])
      if (joined) {
        report({ node, suffix: `choices[${k}].text.${lang}` }, RULES.joinedCriteria, 'joinedCriteria', { text, joined })
      }
    }
  })
}

/**
 * A scored scale is answerable when each point implies the ones below it (declared by the author with
 * "cumulative": true) or when the respondent is told to choose the last statement that is true. The
 * instruction counts where the respondent sees it: the question's title or description, or the description
 * of its page or panel (the survey's description is shown on the first page only).
 */
function checkCumulative(node: SurveyNode, nodes: SurveyNode[], languages: string[], report: Report) {
  const choices: unknown[] = Array.isArray(node.json.choices) ? node.json.choices : []
  if (node.json.cumulative === true) {
    // The first point says nothing has happened yet; the top one has nothing above it to contradict it.
    choices.slice(1, -1).forEach((choice, i) => {
      for (const [lang, text] of Object.entries(labelTexts(choice))) {
        if (!(LANGUAGES as readonly string[]).includes(lang)) continue
        const word = contrastIn(text, lang as (typeof LANGUAGES)[number])
        if (word) {
          const at = { node, suffix: `choices[${i + 1}].text.${lang}` }
          report(at, RULES.nonCumulativeScale, 'notCumulativePoint', { text, word })
        }
      }
    })
    return
  }
  const around = nodes.filter(
    (n) => (n.kind === 'page' || n.kind === 'panel') && node.jsonPath.startsWith(`${n.jsonPath}.`),
  )
  const texts = [localeTexts(node.json.title), localeTexts(node.json.description)]
  for (const n of around) texts.push(localeTexts(n.json.description))
  const missing = languages.filter(
    (lang) =>
      (LANGUAGES as readonly string[]).includes(lang) &&
      !texts.some((t) => t[lang] !== undefined && hasLastTrueInstruction(t[lang], lang as (typeof LANGUAGES)[number])),
  )
  if (missing.length > 0) {
    report({ node }, RULES.nonCumulativeScale, 'noLastTrueInstruction', { languages: missing.join(', ') })
  }
}

// Texts of a label by language; a plain string is SurveyJS's "default" locale.
function labelTexts(labelOwner: unknown): Record<string, string> {
  if (!labelOwner || typeof labelOwner !== 'object') return {}
  return localeTexts((labelOwner as JsonObject).text)
}

function localeTexts(value: unknown): Record<string, string> {
  if (typeof value === 'string') return value.trim() === '' ? {} : { default: value }
  if (!value || typeof value !== 'object') return {}
  const out: Record<string, string> = {}
  for (const [lang, text] of Object.entries(value)) if (typeof text === 'string' && text.trim() !== '') out[lang] = text
  return out
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.!?,;:]+$/, '')
    .trim()
}

// Rules 3, 4 and 8: every point has a label, labels differ, and each is a concrete anchor.
function checkChoiceLabels(node: SurveyNode, report: Report) {
  const vague = (suffix: string, text: string, lang: string) => checkVague({ node, suffix }, text, lang, report)
  const q = node.json
  for (const key of ['choices', 'rateValues']) {
    const items: unknown[] = Array.isArray(q[key]) ? q[key] : []
    if (key === 'rateValues' && items.length === 0) continue
    const seen = new Map<string, number>() // `${lang}\u0000${normalised text}` -> index
    items.forEach((item, k) => {
      const texts = labelTexts(item)
      if (Object.keys(texts).length === 0) {
        const value = item && typeof item === 'object' ? (item as JsonObject).value : item
        report({ node, suffix: `${key}[${k}]` }, RULES.unlabelledPoint, 'unlabelledPoint', {
          value: JSON.stringify(value),
        })
        return
      }
      for (const [lang, text] of Object.entries(texts)) {
        const id = `${lang}\u0000${normalise(text)}`
        const first = seen.get(id)
        if (first !== undefined) {
          const at = { node, suffix: `${key}[${k}].text.${lang}` }
          report(at, RULES.duplicateLabel, 'duplicateLabel', { text, other: `${key}[${first}]` })
        } else seen.set(id, k)
        vague(`${key}[${k}].text.${lang}`, text, lang)
      }
    })
    if (key === 'choices' && q.showDontKnowItem === true) {
      for (const [lang, text] of Object.entries(localeTexts(q.dontKnowText))) {
        const first = seen.get(`${lang}\u0000${normalise(text)}`)
        if (first !== undefined) {
          const at = { node, suffix: `dontKnowText.${lang}` }
          report(at, RULES.duplicateLabel, 'duplicateLabel', { text, other: `choices[${first}]` })
        }
      }
    }
  }
  if (q.type === 'rating') {
    for (const key of ['minRateDescription', 'maxRateDescription']) {
      for (const [lang, text] of Object.entries(localeTexts(q[key]))) vague(`${key}.${lang}`, text, lang)
    }
  }
}

function checkVague(at: { node: SurveyNode; suffix: string }, text: string, lang: string, report: Report) {
  if (!(LANGUAGES as readonly string[]).includes(lang)) return
  const l = lang as (typeof LANGUAGES)[number]
  if (!isVagueAnchor(text, l)) return
  report(at, RULES.vagueAnchor, 'vagueAnchor', {
    text,
    quantifiers: vagueQuantifiersIn(text, l).join('", "'),
    concrete: concreteWords(text, l).length,
    need: MIN_CONCRETE_WORDS,
  })
}

// Rule 5: every localisable string, question title and "cannot say" text exists in every language.
function checkTranslations(nodes: SurveyNode[], languages: string[], report: Report) {
  for (const s of localisedStrings(nodes)) {
    // An item without any label is reported once, as unlabelled-point.
    if (s.node.kind === 'item' && s.key === 'text' && Object.keys(localeTexts(s.value)).length === 0) continue
    checkLocalised({ node: s.node, suffix: s.key }, s.value, languages, report)
  }
  const all = languages.join(', ')
  for (const node of nodes) {
    if (node.kind !== 'question') continue
    if (node.json.title === undefined) {
      report({ node, suffix: 'title' }, RULES.missingTranslation, 'noTitle', { languages: all })
    }
    if (node.json.showDontKnowItem === true && node.json.dontKnowText === undefined) {
      report({ node, suffix: 'dontKnowText' }, RULES.missingTranslation, 'noDontKnowText', { languages: all })
    }
  }
}

function checkLocalised(at: { node: SurveyNode; suffix: string }, value: unknown, languages: string[], report: Report) {
  if (typeof value === 'string') {
    const shape = languages.map((l) => `"${l}": ...`).join(', ')
    report(at, RULES.missingTranslation, 'plainString', { shape })
    return
  }
  const texts = localeTexts(value)
  for (const lang of languages) {
    if (!(lang in texts))
      report({ node: at.node, suffix: `${at.suffix}.${lang}` }, RULES.missingTranslation, 'missingLanguage', { lang })
  }
}
