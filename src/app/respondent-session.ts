import { type InvitationContext, invitationContextByTokenHash } from '../db/invitations.ts'
import { markOpened } from '../db/responses.ts'
import { ApiError } from '../http/errors.ts'
import { sha256Hex } from '../lib/crypto.ts'
import type { Language } from '../schemas/common.ts'
import type { Answers, SurveyRuntime } from '../surveys/runtime.ts'
import type { Deps } from './deps.ts'

export type RespondentStatus = 'open' | 'completed' | 'declined' | 'expired'

export type Session = {
  invitation: InvitationContext
  runtime: SurveyRuntime
  status: RespondentStatus
  answers: Answers
  language: Language
}

/** An open invitation past its expiry is "expired"; a finished one keeps its outcome. */
export function statusAt(invitation: Pick<InvitationContext, 'status' | 'expiresAt'>, now: string): RespondentStatus {
  return invitation.status === 'open' && now >= invitation.expiresAt ? 'expired' : invitation.status
}

/** Everything about one personal link; unknown (or re-issued) tokens are 404. Opening is timestamped. */
export async function openSession(deps: Deps, token: string, options: { markOpen: boolean }): Promise<Session> {
  const { db } = deps
  const invitation = await invitationContextByTokenHash(db, await sha256Hex(token))
  if (!invitation) throw new ApiError(404, 'No survey behind this link; it may have been replaced by a newer one')
  // The version the invitation was issued with, built-in or authored; published versions are never deleted.
  const { publishedRuntime } = await import('../surveys/published.ts') // survey-core: loaded on first use
  const runtime = await publishedRuntime(db, invitation.surveyId, invitation.surveyVersion)
  if (!runtime) throw new Error(`survey ${invitation.surveyId} v${invitation.surveyVersion} is not published`)
  const now = deps.now()
  const status = statusAt(invitation, now)
  if (options.markOpen && status === 'open' && !invitation.openedAt) {
    await markOpened(db, invitation.id, now)
    invitation.openedAt = now
  }
  return {
    invitation,
    runtime,
    status,
    answers: invitation.saved?.answers ?? {},
    language: invitation.saved?.language ?? invitation.language,
  }
}
