// The scale linter: survey-core's own linter plus Laatu's rules for unambiguous scales.
// No Node APIs here: the Worker runs this too (e.g. when a survey version is uploaded).
import './properties.ts'
import { lintSurvey } from 'survey-core/linter'
import { contrastIn, hasLastTrueInstruction, joinedCriteria } from './anchor-rules.ts'
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

export type LintFinding = { path: string; rule: string; message: string; severity: 'error' | 'warning' }

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
} as const

export const ALLOWED_TYPES: readonly string[] = ['rating', 'radiogroup', 'boolean', 'comment', 'text']
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

type Report = (path: string, rule: string, message: string, severity?: LintFinding['severity']) => void

/** `ref` names the survey version; findings do not depend on it (the caller prints it). */
export function lintSurveyDefinition(definition: unknown, ref: { id: string; version: number }): LintFinding[] {
  void ref
  const findings: LintFinding[] = []
  const report: Report = (path, rule, message, severity = 'error') => findings.push({ path, rule, message, severity })
  if (!isJsonObject(definition)) {
    report('', 'laatu/not-a-survey', 'the definition is not a JSON object')
    return findings
  }
  const nodes = surveyNodes(definition)
  findings.push(...surveyCoreFindings(definition, nodes))
  // Every language the survey uses anywhere must be complete, and fi, sv, en are always offered.
  const languages = [...new Set([...LANGUAGES, ...surveyLanguages(definition)])]
  for (const node of nodes) {
    if (node.kind !== 'question') continue
    checkType(node, report)
    if (node.json.scored !== undefined && typeof node.json.scored !== 'boolean') {
      report(`${node.path}.scored`, RULES.scoredShape, '"scored" must be true or false')
    }
    if (node.json.cumulative !== undefined && typeof node.json.cumulative !== 'boolean') {
      report(`${node.path}.cumulative`, RULES.scoredShape, '"cumulative" must be true or false')
    }
    if (node.json.scored === true) {
      checkScoredItem(node, report)
      checkJoinedCriteria(node, report)
      checkCumulative(node, nodes, languages, report)
    }
    checkChoiceLabels(node, report)
  }
  checkTranslations(nodes, languages, report)
  return findings
}

function surveyCoreFindings(definition: JsonObject, nodes: SurveyNode[]): LintFinding[] {
  let result: ReturnType<typeof lintSurvey>
  try {
    // survey-core only lists locales whose UI translations are loaded, which the Worker never
    // loads, so it would flag a valid "locale": "fi".
    result = lintSurvey(definition, { suppress: [{ ruleId: 'property/invalid-value', path: 'locale' }] })
  } catch (e) {
    return [
      { path: '', rule: 'surveyjs/crash', message: `survey-core's linter failed: ${String(e)}`, severity: 'error' },
    ]
  }
  return result.findings
    .filter((f) => f.severity === 'error' || f.severity === 'warning')
    .map((f) => ({
      path: namedPath(f.path, nodes),
      rule: `surveyjs/${f.ruleId}`,
      message: f.message,
      severity: f.severity as LintFinding['severity'],
    }))
}

// survey-core reports JSON paths (pages[0].elements[2].choices[1]); we name the question instead.
function namedPath(jsonPath: string, nodes: SurveyNode[]): string {
  let best: SurveyNode | undefined
  for (const n of nodes) {
    if (n.jsonPath === '' || (best && best.jsonPath.length >= n.jsonPath.length)) continue
    const rest = jsonPath.slice(n.jsonPath.length)
    if (jsonPath.startsWith(n.jsonPath) && (rest === '' || rest[0] === '.' || rest[0] === '[')) best = n
  }
  return best ? best.path + jsonPath.slice(best.jsonPath.length) : jsonPath
}

function checkType(node: SurveyNode, report: Report) {
  const type = node.json.type
  if (typeof type !== 'string' || type === '') {
    report(node.path, RULES.questionType, 'element has no "type"')
  } else if (!ALLOWED_TYPES.includes(type)) {
    report(
      node.path,
      RULES.questionType,
      `question type "${type}" is not allowed (allowed: ${ALLOWED_TYPES.join(', ')})`,
    )
  }
}

function checkScoredItem(node: SurveyNode, report: Report) {
  const q = node.json
  const choices: unknown[] = Array.isArray(q.choices) ? q.choices : []
  if (q.type !== 'radiogroup') {
    report(node.path, RULES.scoredShape, `a scored item must be a radiogroup, not "${q.type}"`)
  }
  if (!SCALE_SIZES.includes(choices.length)) {
    report(
      node.path,
      RULES.scoredShape,
      `a scored item needs 4 or 5 scale points as "choices", found ${choices.length}`,
    )
  }
  for (const key of SCALE_ALTERING) {
    if (q[key] !== undefined && q[key] !== false) {
      report(`${node.path}.${key}`, RULES.scoredShape, `"${key}" would change the scale of a scored item`)
    }
  }
  if (q.choicesOrder !== undefined && q.choicesOrder !== 'none') {
    report(
      `${node.path}.choicesOrder`,
      RULES.scoredShape,
      'scale points must be shown in their written order ("choicesOrder": "none")',
    )
  }

  const values = choices.map((c) => (c && typeof c === 'object' ? (c as JsonObject).value : c))
  if (values.some((v, i) => v !== i + 1)) {
    const reversed = values.length > 1 && values.every((v, i) => v === values.length - i)
    report(
      `${node.path}.choices`,
      RULES.scaleDirection,
      reversed
        ? 'scale runs from most to least positive; order choices least positive first with values 1..K'
        : `choice values must be the integers 1..${values.length} in order (least positive first), found ${JSON.stringify(values)}`,
    )
  }

  choices.forEach((choice, k) => {
    for (const [lang, text] of Object.entries(labelTexts(choice))) {
      const phrase = cannotSayPhraseIn(text)
      if (phrase) {
        report(
          `${node.path}.choices[${k}].text${lang === 'default' ? '' : `.${lang}`}`,
          RULES.cannotSayInScale,
          `"${text}" looks like a "cannot say" answer ("${phrase}"); use "showDontKnowItem": true with "dontKnowText" instead of a scale point`,
        )
        break
      }
    }
  })

  if (q.showDontKnowItem !== true) {
    report(
      node.path,
      RULES.noCannotSayOption,
      'scored item has no "cannot say" option ("showDontKnowItem": true); respondents it does not apply to must guess',
      'warning',
    )
  }
}

// An anchor must describe one thing, so that a respondent for whom only half of it is true has a point to choose.
function checkJoinedCriteria(node: SurveyNode, report: Report) {
  const choices: unknown[] = Array.isArray(node.json.choices) ? node.json.choices : []
  choices.forEach((choice, k) => {
    for (const [lang, text] of Object.entries(labelTexts(choice))) {
      if (!(LANGUAGES as readonly string[]).includes(lang)) continue
      const joined = joinedCriteria(text, lang as (typeof LANGUAGES)[number])
      if (joined) {
        report(
          `${node.path}.choices[${k}].text.${lang}`,
          RULES.joinedCriteria,
          `"${text}" joins two criteria ("${joined}"); a respondent for whom only one is true has no point to choose. ` +
            'Make them two points of the scale, or keep one',
        )
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
          report(
            `${node.path}.choices[${i + 1}].text.${lang}`,
            RULES.nonCumulativeScale,
            `"${text}" says something has not happened ("${word}"), so it is false once a higher point is true; ` +
              'a scale declared "cumulative" needs points that stay true below the chosen one',
          )
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
    report(
      node.path,
      RULES.nonCumulativeScale,
      `the scale is not declared "cumulative": true (each point implies the ones below it) and the question or its page ` +
        `does not say "choose the last statement that is true" in ${missing.join(', ')}; a respondent for whom two points ` +
        'are true cannot tell which to choose',
    )
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
  const q = node.json
  for (const key of ['choices', 'rateValues']) {
    const items: unknown[] = Array.isArray(q[key]) ? q[key] : []
    if (key === 'rateValues' && items.length === 0) continue
    const seen = new Map<string, number>() // `${lang}\u0000${normalised text}` -> index
    items.forEach((item, k) => {
      const texts = labelTexts(item)
      if (Object.keys(texts).length === 0) {
        const value = item && typeof item === 'object' ? (item as JsonObject).value : item
        report(
          `${node.path}.${key}[${k}]`,
          RULES.unlabelledPoint,
          `point ${JSON.stringify(value)} has no label; respondents would see the bare value`,
        )
        return
      }
      for (const [lang, text] of Object.entries(texts)) {
        const id = `${lang}\u0000${normalise(text)}`
        const first = seen.get(id)
        if (first !== undefined) {
          report(
            `${node.path}.${key}[${k}].text.${lang}`,
            RULES.duplicateLabel,
            `"${text}" is also the label of ${key}[${first}]`,
          )
        } else seen.set(id, k)
        checkVague(`${node.path}.${key}[${k}].text.${lang}`, text, lang, report)
      }
    })
    if (key === 'choices' && q.showDontKnowItem === true) {
      for (const [lang, text] of Object.entries(localeTexts(q.dontKnowText))) {
        const first = seen.get(`${lang}\u0000${normalise(text)}`)
        if (first !== undefined) {
          report(
            `${node.path}.dontKnowText.${lang}`,
            RULES.duplicateLabel,
            `"${text}" is also the label of choices[${first}]`,
          )
        }
      }
    }
  }
  if (q.type === 'rating') {
    for (const key of ['minRateDescription', 'maxRateDescription']) {
      for (const [lang, text] of Object.entries(localeTexts(q[key])))
        checkVague(`${node.path}.${key}.${lang}`, text, lang, report)
    }
  }
}

function checkVague(path: string, text: string, lang: string, report: Report) {
  if (!(LANGUAGES as readonly string[]).includes(lang)) return
  const l = lang as (typeof LANGUAGES)[number]
  if (!isVagueAnchor(text, l)) return
  const concrete = concreteWords(text, l)
  report(
    path,
    RULES.vagueAnchor,
    `"${text}" uses the vague quantifier "${vagueQuantifiersIn(text, l).join('", "')}" without a concrete description ` +
      `(${concrete.length} concrete word(s), need ${MIN_CONCRETE_WORDS}); say what happened or what the respondent can now do`,
  )
}

// Rule 5: every localisable string, question title and "cannot say" text exists in every language.
function checkTranslations(nodes: SurveyNode[], languages: string[], report: Report) {
  for (const s of localisedStrings(nodes)) {
    // An item without any label is reported once, as unlabelled-point.
    if (s.node.kind === 'item' && s.key === 'text' && Object.keys(localeTexts(s.value)).length === 0) continue
    checkLocalised(s.path, s.value, languages, report)
  }
  for (const node of nodes) {
    if (node.kind !== 'question') continue
    if (node.json.title === undefined) {
      report(
        `${node.path}.title`,
        RULES.missingTranslation,
        `question has no title in ${languages.join(', ')}; respondents would see its name`,
      )
    }
    if (node.json.showDontKnowItem === true && node.json.dontKnowText === undefined) {
      report(
        `${node.path}.dontKnowText`,
        RULES.missingTranslation,
        `"cannot say" option has no dontKnowText in ${languages.join(', ')}`,
      )
    }
  }
}

function checkLocalised(path: string, value: unknown, languages: string[], report: Report) {
  if (typeof value === 'string') {
    report(
      path,
      RULES.missingTranslation,
      `is a plain string; give it as {${languages.map((l) => `"${l}": ...`).join(', ')}}`,
    )
    return
  }
  const texts = localeTexts(value)
  for (const lang of languages) {
    if (!(lang in texts)) report(`${path}.${lang}`, RULES.missingTranslation, `text missing in "${lang}"`)
  }
}
