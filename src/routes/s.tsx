import { type Context, Hono } from 'hono'
import { AnswerError, answerSurvey, declineSurvey } from '../app/answer-survey.ts'
import { systemDeps } from '../app/deps.ts'
import { openSession, type Session, withSession } from '../app/respondent-session.ts'
import type { AppEnv } from '../env.ts'
import { ApiError } from '../http/errors.ts'
import { respondentLimit } from '../http/respondent-limit.ts'
import { formatDate } from '../lib/format.ts'
import { networkHash } from '../lib/network-hash.ts'
import { pickLanguage, texts } from '../pages/i18n.ts'
import { MessagePage } from '../pages/layout.tsx'
import { SurveyPage } from '../pages/survey-page.tsx'
import type { Language } from '../schemas/common.ts'
import type { AnswerIssue, Answers } from '../surveys/runtime.ts'

const DOCTYPE = '<!doctype html>'

function render(c: Context<AppEnv>, page: { toString(): string }, status: 200 | 404 | 410 | 422 = 200) {
  c.header('cache-control', 'no-store')
  c.header('referrer-policy', 'no-referrer') // the token is in the URL: never leak it onward
  return c.html(DOCTYPE + page.toString(), status)
}

function surveyPage(
  c: Context<AppEnv>,
  s: Session,
  lang: Language,
  answers: Answers,
  page: number,
  issues: AnswerIssue[] = [],
  shown: ReadonlySet<string> | null = null,
) {
  const view = s.runtime.view(answers, lang, page, issues)
  const revealed = shown ? view.questions.map((q) => q.name).filter((name) => !shown.has(name)) : []
  return render(
    c,
    <SurveyPage
      lang={lang}
      token={c.req.param('token')!}
      view={view}
      answers={answers}
      issues={issues}
      providerName={s.invitation.providerName}
      minResponses={s.invitation.minGroup}
      intake={s.invitation.wave === 'intake'}
      revealed={revealed}
    />,
    issues.length > 0 ? 422 : 200,
  )
}

/** The page for a closed link: thank-you, declined, or expired. */
function closedPage(c: Context<AppEnv>, s: Session, lang: Language) {
  const t = texts[lang]
  if (s.status === 'completed') return render(c, <MessagePage lang={lang} title={t.thanksTitle} text={t.thanksText} />)
  if (s.status === 'declined')
    return render(c, <MessagePage lang={lang} title={t.declinedTitle} text={t.declinedText} />)
  const text = t.expiredText(formatDate(s.invitation.expiresAt, lang))
  return render(c, <MessagePage lang={lang} title={t.expiredTitle} text={text} />, 410)
}

async function sessionOrNotFound(c: Context<AppEnv>, markOpen: boolean): Promise<Session | Response> {
  try {
    return await openSession(systemDeps(c.env), c.req.param('token')!, { markOpen })
  } catch (err) {
    return notFoundPage(c, err)
  }
}

/** An unknown (or re-issued) link's page; any other error goes on. */
function notFoundPage(c: Context<AppEnv>, err: unknown): Response {
  if (err instanceof ApiError && err.status === 404) {
    const lang = pickLanguage(c.req.query('lang'), 'fi')
    return render(c, <MessagePage lang={lang} title={texts[lang].notFoundTitle} text={texts[lang].notFoundText} />, 404)
  }
  throw err
}

/** A posted page as the answer use case takes it: the page, its direction, and what the respondent saw. */
function formInput(s: Session, form: Record<string, unknown>, language: Language) {
  const page = Math.min(Math.max(Number.parseInt(String(form.page ?? '0'), 10) || 0, 0), s.runtime.pageCount - 1)
  const shown = typeof form.shown === 'string' ? new Set(form.shown.split(',')) : null
  return {
    answers: pageAnswers(s, page, form),
    complete: form.action === 'complete',
    language,
    page: { index: page, forward: form.action !== 'back', shown },
  }
}

/** The form's fields for one page replace that page's earlier answers (an emptied text box clears its answer). */
function pageAnswers(s: Session, page: number, form: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(s.answers))
    if (s.runtime.questions.get(name)?.page !== page) input[name] = value
  for (const [name, spec] of s.runtime.questions)
    if (spec.page === page && typeof form[name] === 'string') input[name] = form[name]
  return input
}

const backTo = (token: string, lang: Language, page?: number) =>
  `/s/${token}?lang=${lang}${page === undefined ? '' : `&page=${page}`}`

/**
 * The respondent's survey page, rendered on the server from the survey-core model: one SurveyJS page
 * per HTML page, a normal form post per step, so it works with JavaScript off.
 */
export const surveyPageRoutes = new Hono<AppEnv>()
  .use('/:token', respondentLimit)
  .get('/:token', async (c) => {
    const s = await sessionOrNotFound(c, true)
    if (s instanceof Response) return s
    const lang = pickLanguage(c.req.query('lang'), s.language)
    if (s.status !== 'open') return closedPage(c, s, lang)
    const requested = Number.parseInt(c.req.query('page') ?? '', 10)
    const page = Number.isInteger(requested) ? requested : s.runtime.resumePage(s.answers, lang)
    return surveyPage(c, s, lang, s.answers, page)
  })
  .post('/:token', async (c) => {
    const form = await c.req.parseBody()
    try {
      // After the page view the isolate has the invitation: a save is then one guarded D1 batch.
      return await withSession(systemDeps(c.env), c.req.param('token'), (s) => postedPage(c, s, form))
    } catch (err) {
      return notFoundPage(c, err)
    }
  })

/** One posted page: decline, save and move on, stay on a page that revealed a question, or show the problems. */
async function postedPage(c: Context<AppEnv>, s: Session, form: Record<string, unknown>): Promise<Response> {
  const lang = pickLanguage(typeof form.lang === 'string' ? form.lang : undefined, s.language)
  const token = c.req.param('token')!
  if (s.status !== 'open') return closedPage(c, s, lang)
  if (form.action === 'decline') {
    await declineSurvey(systemDeps(c.env), s)
    return c.redirect(backTo(token, lang), 303)
  }
  const input = formInput(s, form, lang)
  const page = input.page.index
  try {
    const net = await networkHash(c.req.header('cf-connecting-ip'), c.env.ADMIN_TOKEN)
    const result = await answerSurvey(systemDeps(c.env), s, input, net)
    if (result.revealed) return surveyPage(c, s, lang, result.answers, page, [], input.page.shown)
    const next = result.status === 'completed' ? undefined : input.page.forward ? page + 1 : page - 1
    return c.redirect(backTo(token, lang, next), 303)
  } catch (err) {
    if (!(err instanceof AnswerError)) throw err
    // A refused completion opens the first page with a problem; otherwise the respondent stays put.
    const first = Math.min(...err.answerIssues.map((i) => s.runtime.questions.get(i.question)?.page ?? page))
    const at = input.complete ? first : page
    return surveyPage(c, s, lang, err.answers ?? s.answers, at, err.answerIssues)
  }
}
