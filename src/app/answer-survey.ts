import { insertReportedStatement } from '../db/reported-outcomes.ts'
import type { WriteGuard } from '../db/respondent-guard.ts'
import { completeResponse, declineInvitation, getResponse, type ResponseWrite, saveProgress } from '../db/responses.ts'
import type { FieldIssue } from '../domain/issues.ts'
import { scoreResponse } from '../domain/response-score.ts'
import { ApiError } from '../http/errors.ts'
import { newId } from '../lib/crypto.ts'
import type { Language } from '../schemas/common.ts'
import type { AnswerIssue, Answers } from '../surveys/runtime.ts'
import type { Deps } from './deps.ts'
import { forgetContext, rememberContext } from './invitation-context-cache.ts'
import { type Session, StaleSession } from './respondent-session.ts'

/** Answers compared regardless of key order, for idempotent completion. */
function sameAnswers(a: Answers, b: Answers): boolean {
  const canon = (x: Answers) =>
    JSON.stringify(
      Object.keys(x)
        .sort()
        .map((k) => [k, x[k]]),
    )
  return canon(a) === canon(b)
}

/** Answers that break the survey's rules; `answers` are the checked answers, when they got that far. */
export class AnswerError extends ApiError {
  readonly answerIssues: AnswerIssue[]
  readonly answers: Answers | null
  constructor(issues: AnswerIssue[], answers: Answers | null) {
    super(422, 'Some answers are not valid; see issues', {
      issues: issues.map(({ path, message }): FieldIssue => ({ path, message })),
    })
    this.answerIssues = issues
    this.answers = answers
  }
}

function assertWritable(session: Session): void {
  if (session.status === 'expired')
    throw new ApiError(410, `This survey link expired at ${session.invitation.expiresAt}`)
  if (session.status === 'declined') {
    throw new ApiError(409, 'The survey was declined; it can no longer be answered', { code: 'declined' })
  }
}

export type AnswerInput = {
  answers: Record<string, unknown>
  complete: boolean
  language?: Language
  /**
   * The page the respondent is on, for the page-by-page form: moving forward checks that page's answers,
   * and an answer that revealed a question not yet `shown` stops on the same page instead.
   */
  page?: { index: number; forward: boolean; shown: ReadonlySet<string> | null }
}

export type AnswerResult = {
  status: 'open' | 'completed'
  answers: Answers
  idempotent: boolean
  /** A question appeared on the page the respondent just sent: the answers are saved, the page is shown again. */
  revealed: boolean
}

/**
 * What a write assumes. A freshly read session: the invitation is open (as before the cache). A cached
 * one: also its link, unexpired at `at`, and (`onSaved`) the saved answers it builds on, unchanged.
 */
function guardOf(session: Session, at: string, onSaved: boolean): WriteGuard {
  const invitationId = session.invitation.id
  if (!session.cached) return { invitationId }
  const savedAt = onSaved ? (session.invitation.saved?.updatedAt ?? null) : undefined
  return { invitationId, cached: { tokenHash: session.tokenHash, now: at, savedAt } }
}

/**
 * Saves progress or completes the survey, for the JSON API and the no-JavaScript form alike. Answers are
 * checked against the survey version by survey-core (domain, required answers, conditions); a completed
 * response never changes, and sending the identical completion again is a harmless repeat.
 *
 * A cached session (see withSession) answers only when its one guarded batch landed; anything else it
 * would say (a conflict, invalid answers judged against cached answers) becomes `StaleSession`, so the
 * request is answered from a fresh read exactly as without the cache.
 */
export async function answerSurvey(
  deps: Deps,
  session: Session,
  input: AnswerInput,
  netHash: string | null,
): Promise<AnswerResult> {
  try {
    return await answer(deps, session, input, netHash)
  } catch (err) {
    if (session.cached && err instanceof ApiError) throw new StaleSession()
    throw err
  }
}

async function answer(deps: Deps, session: Session, input: AnswerInput, netHash: string | null): Promise<AnswerResult> {
  assertWritable(session)
  const { runtime } = session
  const language = input.language ?? session.language
  const normalised = runtime.normalise(input.answers)
  if (normalised.issues.length > 0) throw new AnswerError(normalised.issues, null)
  const answers = normalised.answers

  if (session.status === 'completed') {
    const final = runtime.validate(answers, language, 'all').answers
    if (input.complete && sameAnswers(final, session.answers)) return done(session.answers, true)
    throw new ApiError(409, 'This survey is already completed; a completed response cannot be changed', {
      code: 'already_completed',
    })
  }

  const write = (toStore: Answers): ResponseWrite => ({
    invitationId: session.invitation.id,
    surveyId: runtime.id,
    surveyVersion: runtime.version,
    language,
    answers: toStore,
    score: scoreResponse(runtime.scored, toStore),
    netHash,
    at: deps.now(),
  })
  const page = input.page
  if (
    page?.forward &&
    page.shown &&
    runtime.view(answers, language, page.index).questions.some((q) => !page.shown?.has(q.name))
  ) {
    await save(deps, session, write(answers))
    return { status: 'open', answers, idempotent: false, revealed: true }
  }
  if (!input.complete) {
    if (page?.forward) {
      const checked = runtime.validate(answers, language, page.index)
      if (checked.issues.length > 0) throw new AnswerError(checked.issues, answers)
    }
    await save(deps, session, write(answers))
    return { status: 'open', answers, idempotent: false, revealed: false }
  }
  const checked = runtime.validate(answers, language, 'all')
  if (checked.issues.length > 0) throw new AnswerError(checked.issues, answers)
  const final = write(checked.answers)
  const completed = await completeResponse(
    deps.db,
    final,
    guardOf(session, final.at, true),
    await reportedWith(deps.db, session, final),
  )
  if (completed) {
    forgetContext(session.tokenHash)
    return done(checked.answers, false)
  }
  if (session.cached) throw new StaleSession()

  // Another request closed the invitation between our read and our write: judge against what it stored.
  forgetContext(session.tokenHash)
  const stored = await getResponse(deps.db, session.invitation.id)
  if (stored?.completed && sameAnswers(stored.answers, checked.answers)) return done(stored.answers, true)
  throw new ApiError(
    409,
    'This survey was closed by another request; a completed or declined survey cannot be changed',
    {
      code: 'conflict',
    },
  )
}

/**
 * Saves progress. The cache then holds the answers as saved, so the next save from this isolate needs no
 * read; a freshly read session whose save found the invitation closed meanwhile answers as before (the
 * answers were not stored) and leaves nothing cached.
 */
async function save(deps: Deps, session: Session, w: ResponseWrite): Promise<void> {
  const landed = await saveProgress(deps.db, w, guardOf(session, w.at, true))
  if (landed) {
    const saved = { language: w.language, answers: w.answers, updatedAt: w.at }
    rememberContext(session.tokenHash, { ...session.invitation, saved })
    return
  }
  if (session.cached) throw new StaleSession()
  forgetContext(session.tokenHash)
}

/** A follow-up's completion carries the outcomes its answers report (pending the procurer's review). */
async function reportedWith(
  db: D1Database,
  session: Session,
  w: ResponseWrite,
): Promise<Parameters<typeof completeResponse>[3]> {
  if (session.invitation.wave !== 'followup') return undefined
  const { reportedOutcomes } = await import('../surveys/reported-outcomes.ts') // loaded with the survey runtime
  const reported = reportedOutcomes(session.runtime.definition, w.answers, w.at.slice(0, 10))
  if (reported.length === 0) return undefined
  const { id, programmeId, episodeId } = session.invitation
  const rows = reported.map((r) => ({ ...r, id: newId('rep') }))
  return (condition) => [
    insertReportedStatement(db, { invitationId: id, programmeId, episodeId, at: w.at }, rows, condition(6)),
  ]
}

const done = (answers: Answers, idempotent: boolean): AnswerResult => ({
  status: 'completed',
  answers,
  idempotent,
  revealed: false,
})

/** An explicit refusal. Declining twice is harmless; declining a completed survey is a conflict. */
export async function declineSurvey(deps: Deps, session: Session): Promise<void> {
  if (session.status === 'declined') return
  if (session.status === 'expired')
    throw new ApiError(410, `This survey link expired at ${session.invitation.expiresAt}`)
  if (session.status === 'completed') {
    throw new ApiError(409, 'The survey is already completed', { code: 'already_completed' })
  }
  const at = deps.now()
  const declined = await declineInvitation(deps.db, at, guardOf(session, at, false))
  forgetContext(session.tokenHash)
  if (declined) return
  if (session.cached) throw new StaleSession()
  throw new ApiError(409, 'The survey was closed by another request', { code: 'conflict' })
}
