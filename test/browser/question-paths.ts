// Issue 14: a respondent through every question path. The paths come from the survey catalog, not from
// this file: for the version a new invitation gets of each survey (the latest), survey-core's own model
// is asked which single answers reveal questions that were hidden (and, from there, which answers reveal
// more), so a survey version published later is walked as it stands. Each path is walked once in the
// browser; the walks rotate through fi, sv and en at 360 and 1280 px so that every (language, width)
// pair occurs too. Every page state is scanned by axe and checked for sideways scrolling, the revealed
// question is announced and focused, and the stored answers are exactly the ones given.
import assert from 'node:assert/strict'
import { Model, type Question, type QuestionSelectBase, type QuestionTextModel } from 'survey-core'
import '../../src/surveys/properties.ts'
import { latestVersion, surveyIds } from '../../src/surveys/catalog.ts'
import type { JsonObject } from '../../src/surveys/scored-items.ts'
import { api, type Language, respondState } from './api.ts'
import { type AxeViolation, axeViolations, choose, clickAction } from './page-helpers.ts'
import { goto, type Scenario, type World, withContext } from './scenarios.ts'

type CustomerType = 'company' | 'jobseeker'
type Value = string | number | boolean
/** The survey each customer type answers in the walk's programme (as the demo and the README set it). */
/** The surveys walked: each reached through the programme's survey map by customer and service type. */
const WALKED: Array<{ customerType: CustomerType; survey: string; serviceType: string }> = [
  { customerType: 'company', survey: 'cx-company', serviceType: 'recruitment-coaching' },
  { customerType: 'jobseeker', survey: 'cx-jobseeker', serviceType: 'recruitment-coaching' },
  // The follow-up survey, walked as the survey of a service type of its own.
  { customerType: 'company', survey: 'outcome-followup', serviceType: 'follow-up-walk' },
]
const SURVEY_MAP = {
  company: { default: 'cx-company', byServiceType: { 'follow-up-walk': 'outcome-followup' } },
  jobseeker: 'cx-jobseeker',
}

export type QuestionPath = {
  customerType: CustomerType
  serviceType: string
  survey: string
  version: number
  definition: JsonObject
  /** The answers that reveal questions on this path, in order (none: the path that reveals nothing). */
  reveals: Array<{ question: string; value: Value }>
  /** The questions those answers reveal. */
  revealed: string[]
}

const visibleQuestions = (model: Model): string[] =>
  model.pages.filter((p) => p.isVisible).flatMap((p) => p.questions.filter((q) => q.isVisible).map((q) => q.name))

/** Every value a choice question accepts (special answers such as "cannot say" included); none for text. */
function domain(q: Question): Value[] {
  const type = q.getType()
  if (type === 'rating')
    return (q as unknown as { visibleRateValues: Array<{ value: Value }> }).visibleRateValues.map((c) => c.value)
  if (type === 'boolean') return [true, false]
  return ((q as Partial<QuestionSelectBase>).visibleChoices ?? []).map((c) => c.value as Value)
}

/** The questions that `answers` make visible beyond those visible without them. */
function revealedBy(model: Model, answers: Record<string, Value>, before: string[]): string[] {
  model.data = answers
  return visibleQuestions(model).filter((n) => !before.includes(n))
}

/**
 * The question paths of one survey version: the one that reveals nothing, and one per answer that
 * reveals a question (followed further while the revealed questions reveal more, up to three levels).
 */
export function questionPaths(customerType: CustomerType, survey: string, serviceType: string): QuestionPath[] {
  const found = latestVersion(survey)
  if (!found) throw new Error(`no survey ${survey} in the catalog`)
  const model = new Model(found.definition)
  const base = { customerType, serviceType, survey, version: found.version, definition: found.definition }
  model.data = {}
  const shownAtFirst = visibleQuestions(model)
  const paths: QuestionPath[] = [{ ...base, reveals: [], revealed: [] }]
  // From a path, the answers to the questions it revealed (to all, at first) that reveal still more.
  const explore = (reveals: QuestionPath['reveals'], candidates: string[], depth: number) => {
    const answers = Object.fromEntries(reveals.map((r) => [r.question, r.value]))
    const visible = revealedBy(model, answers, [])
    for (const name of candidates) {
      for (const value of domain(model.getQuestionByName(name))) {
        const more = revealedBy(model, { ...answers, [name]: value }, visible)
        if (more.length === 0) continue
        const next = [...reveals, { question: name, value }]
        paths.push({ ...base, reveals: next, revealed: revealedBy(model, { ...answers, [name]: value }, shownAtFirst) })
        if (depth < 3) explore(next, more, depth + 1)
      }
    }
  }
  explore([], shownAtFirst, 1)
  // A question no single answer reveals (a condition on two answers, say) would go unwalked: say so.
  const all = model.getAllQuestions(false).map((q) => q.name)
  const seen = new Set([...shownAtFirst, ...paths.flatMap((p) => p.revealed)])
  const unreached = all.filter((n) => !seen.has(n))
  if (unreached.length > 0)
    throw new Error(`${survey} v${found.version}: no walked path shows ${unreached.join(', ')}; extend questionPaths`)
  return paths
}

/** Every path of every survey a programme's customers answer. */
export function allQuestionPaths(): QuestionPath[] {
  const walked = WALKED.map((w) => w.survey)
  const missing = surveyIds().filter((id) => !walked.includes(id))
  if (missing.length > 0) throw new Error(`surveys in the catalog that no walk covers: ${missing.join(', ')}`)
  return WALKED.flatMap((w) => questionPaths(w.customerType, w.survey, w.serviceType))
}

// Ordered so that, with four paths, the two paths walked twice get both widths.
const PAIRS: Array<{ language: Language; width: number }> = [
  { language: 'fi', width: 360 },
  { language: 'sv', width: 1280 },
  { language: 'en', width: 360 },
  { language: 'fi', width: 1280 },
  { language: 'en', width: 1280 },
  { language: 'sv', width: 360 },
]

export type Walk = { path: QuestionPath; language: Language; width: number }

/** Every path at least once and every (language, width) pair at least once, in max(paths, 6) walks. */
export function walkPlan(paths: QuestionPath[]): Walk[] {
  return Array.from({ length: Math.max(paths.length, PAIRS.length) }, (_, i) => ({
    path: paths[i % paths.length],
    ...PAIRS[i % PAIRS.length],
  }))
}

export const describeWalk = (w: Walk) =>
  `${w.path.survey} v${w.path.version} ${w.path.reveals.map((r) => `${r.question}=${r.value}`).join(' then ') || '(nothing revealed)'} in ${w.language} at ${w.width} px`

const local = (text: unknown, language: Language): string =>
  typeof text === 'string' ? text : String((text as Record<string, string>)[language] ?? '')

/** One walk: the link opened, every page answered as the path says, the revealed questions answered too. */
async function walkPath(w: World, walk: Walk, url: string, token: string, index: number, log: AxeViolation[]) {
  const { path, language, width } = walk
  const model = new Model(path.definition)
  const reveal = new Map(path.reveals.map((r) => [r.question, r.value]))
  const answers: Record<string, Value> = {}
  const label = (what: string) => `walk ${index + 1} (${language}, ${width} px): ${what}`
  const options = {
    bypassCSP: true,
    viewport: { width, height: 800 },
    ...(width < 600 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  }
  await withContext(w, options, async (_context, page) => {
    await goto(page, url)
    const title = local(path.definition.title, language)
    for (let step = 0; step < 20; step++) {
      assert.equal(await page.getAttribute('html', 'lang'), language, label('html[lang]'))
      assert.equal((await page.locator('h1').first().textContent())?.trim(), title, label('survey title'))
      const pageIndex = Number(await page.inputValue('input[name=page]'))
      const shown = (await page.inputValue('input[name=shown]')).split(',').filter(Boolean)
      // The page shows exactly what the survey's own conditions make visible for the answers so far.
      model.data = answers
      const expected = model.pages[pageIndex].questions.filter((q) => q.isVisible).map((q) => q.name)
      assert.deepEqual(shown, expected, label(`questions on page ${pageIndex + 1}`))
      log.push(...(await axeViolations(page, label(`page ${pageIndex + 1}, step ${step + 1}`))))
      const unanswered = shown.filter((n) => !(n in answers))
      for (const [k, name] of unanswered.entries()) {
        const q = model.getQuestionByName(name)
        const values = domain(q)
        if (values.length === 0) {
          const inputType = (q as Partial<QuestionTextModel>).inputType
          answers[name] =
            inputType === 'number'
              ? String(20 + index)
              : inputType === 'date'
                ? '2026-11-02'
                : `${language} ${index + 1}: ${name}`
          await page.fill(`[name="${name}"]`, String(answers[name]))
          continue
        }
        // The path's revealing answer, or one that reveals nothing (varied, "cannot say" included).
        const visible = revealedBy(model, answers, [])
        const quiet = values.filter((v) => revealedBy(model, { ...answers, [name]: v }, visible).length === 0)
        const value = reveal.has(name)
          ? reveal.get(name)!
          : (quiet.length ? quiet : values)[(index + k) % (quiet.length || values.length)]
        answers[name] = value
        await choose(page, name, String(value))
      }
      const last = (await page.locator('button[name=action][value=complete]').count()) > 0
      await clickAction(page, last ? 'complete' : 'next')
      // A question revealed on the same page: the page stays, says so, and focus moves there.
      model.data = answers
      const pending = model.pages[pageIndex].questions.filter((q) => q.isVisible && !(q.name in answers))
      if (pending.length > 0) {
        assert.equal(Number(await page.inputValue('input[name=page]')), pageIndex, label('the page stays'))
        assert.equal(await page.locator('.revealed-notice[role=status]').count(), 1, label('the notice'))
        const first = `q-${pending[0].name}`
        assert.equal(await page.getAttribute('.revealed-notice a', 'href'), `#${first}`, label('links to it'))
        await page.waitForFunction(
          (id) => document.getElementById(id)?.contains(document.activeElement) ?? false,
          first,
          { timeout: 5_000 },
        )
      } else if ((await page.locator('form#survey').count()) === 0) break
    }
    assert.equal((await respondState(w.base, token)).status, 'completed', label('completed'))
    log.push(...(await axeViolations(page, label('thank-you page'))))
  })
  assert.deepEqual(w.storedAnswers?.(token), answers, label('the stored answers are the ones given'))
}

function everyQuestionPath(adminToken: string) {
  return async (w: World) => {
    const paths = allQuestionPaths()
    const plan = walkPlan(paths)
    // A programme of its own, one link per walk in the walk's language.
    const programme = await api(w.base, adminToken, 'POST', '/programmes', {
      name: 'Question paths',
      region: 'Pirkanmaa',
      currency: 'EUR',
      surveys: SURVEY_MAP,
      feeRule: { currency: 'EUR', components: [{ type: 'base', perClient: 1000 }] },
    })
    const procurer = await api(w.base, adminToken, 'POST', '/keys', {
      role: 'procurer',
      programmeId: programme.id,
      label: 'question paths',
    })
    const provider = await api(w.base, procurer.key, 'POST', `/programmes/${programme.id}/providers`, {
      name: 'Polkutesti Oy',
    })
    const imported = await api(w.base, procurer.key, 'POST', `/programmes/${programme.id}/episodes`, {
      episodes: plan.map((walk, i) => ({
        providerId: provider.id,
        customerType: walk.path.customerType,
        externalRef: `PATH-${i + 1}`,
        serviceType: walk.path.serviceType,
        startedOn: '2026-09-01',
        endedOn: '2026-10-15',
        riskClass: 'A',
        language: walk.language,
      })),
    })
    const violations: AxeViolation[] = []
    for (const [i, walk] of plan.entries()) {
      w.log(`    walk ${i + 1}: ${describeWalk(walk)}`)
      const { url, token } = imported.episodes[i].invitation
      await walkPath(w, walk, url, token, i, violations)
    }
    const pairs = new Set(plan.map((p) => `${p.language}@${p.width}`))
    w.log(`    ${paths.length} paths in ${plan.length} walks; (language, width) pairs: ${[...pairs].join(', ')}`)
    for (const v of violations) w.log(`    [${v.page}] ${v.id} (${v.impact}): ${v.help} ${v.targets.join(' | ')}`)
    assert.equal(violations.length, 0, `${violations.length} axe violation(s)`)
  }
}

export function questionPathScenarios(adminToken: string): Scenario[] {
  return [
    {
      name: 'v. every question path of every survey (from the catalog), fi/sv/en at 360 and 1280 px, axe clean',
      run: everyQuestionPath(adminToken),
    },
  ]
}
