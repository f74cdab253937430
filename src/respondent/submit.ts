import { completeResponse, declineInvitation, getResponse, type ResponseWrite, saveProgress } from '../db/responses.ts'
import type { FieldIssue } from '../domain/issues.ts'
import { scoreResponse } from '../domain/response-score.ts'
import { ApiError } from '../http/errors.ts'
import { nowIso } from '../lib/time.ts'
import type { Language } from '../schemas/common.ts'
import type { AnswerIssue, Answers } from '../surveys/runtime.ts'
import type { Session } from './session.ts'

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

export class AnswerError extends ApiError {
  readonly answerIssues: AnswerIssue[]
  constructor(issues: AnswerIssue[]) {
    super(422, 'Some answers are not valid; see issues', {
      issues: issues.map(({ path, message }): FieldIssue => ({ path, message })),
    })
    this.answerIssues = issues
  }
}

function assertWritable(session: Session): void {
  if (session.status === 'expired')
    throw new ApiError(410, `This survey link expired at ${session.invitation.expiresAt}`)
  if (session.status === 'declined')
    throw new ApiError(409, 'The survey was declined; it can no longer be answered', { code: 'declined' })
}

export type SubmitResult = { status: 'open' | 'completed'; answers: Answers; idempotent: boolean }

/**
 * Saves progress or completes the survey. Answers are checked against the survey version by
 * survey-core (domain, required answers, conditions); a completed response never changes, and
 * sending the identical completion again is a harmless repeat.
 */
export async function submitAnswers(
  db: D1Database,
  session: Session,
  input: { answers: Record<string, unknown>; complete: boolean; language?: Language },
  netHash: string | null,
): Promise<SubmitResult> {
  assertWritable(session)
  const { runtime } = session
  const language = input.language ?? session.language
  const normalised = runtime.normalise(input.answers)
  if (normalised.issues.length > 0) throw new AnswerError(normalised.issues)

  if (session.status === 'completed') {
    const stored = session.answers
    const final = runtime.validate(normalised.answers, language, 'all').answers
    if (input.complete && sameAnswers(final, stored)) return { status: 'completed', answers: stored, idempotent: true }
    throw new ApiError(409, 'This survey is already completed; a completed response cannot be changed', {
      code: 'already_completed',
    })
  }

  const write = (answers: Answers): ResponseWrite => ({
    invitationId: session.invitation.id,
    surveyId: runtime.id,
    surveyVersion: runtime.version,
    language,
    answers,
    score: scoreResponse(runtime.scored, answers),
    netHash,
    at: nowIso(),
  })

  if (!input.complete) {
    await saveProgress(db, write(normalised.answers))
    return { status: 'open', answers: normalised.answers, idempotent: false }
  }
  const checked = runtime.validate(normalised.answers, language, 'all')
  if (checked.issues.length > 0) throw new AnswerError(checked.issues)
  if (await completeResponse(db, write(checked.answers)))
    return { status: 'completed', answers: checked.answers, idempotent: false }

  // Another request closed the invitation between our read and our write: judge against what it stored.
  const stored = await getResponse(db, session.invitation.id)
  if (stored?.completed && sameAnswers(stored.answers, checked.answers))
    return { status: 'completed', answers: stored.answers, idempotent: true }
  throw new ApiError(
    409,
    'This survey was closed by another request; a completed or declined survey cannot be changed',
    { code: 'conflict' },
  )
}

/** An explicit refusal. Declining twice is harmless; declining a completed survey is a conflict. */
export async function declineSurvey(db: D1Database, session: Session): Promise<void> {
  if (session.status === 'declined') return
  if (session.status === 'expired')
    throw new ApiError(410, `This survey link expired at ${session.invitation.expiresAt}`)
  if (session.status === 'completed')
    throw new ApiError(409, 'The survey is already completed', { code: 'already_completed' })
  if (!(await declineInvitation(db, session.invitation.id, nowIso()))) {
    throw new ApiError(409, 'The survey was closed by another request', { code: 'conflict' })
  }
}
