import { type InvitationContext, invitationContextByTokenHash } from '../db/invitations.ts'
import { markOpened } from '../db/responses.ts'
import { ApiError } from '../http/errors.ts'
import { sha256Hex } from '../lib/crypto.ts'
import type { Language } from '../schemas/common.ts'
import type { Answers, SurveyRuntime } from '../surveys/runtime.ts'
import type { Deps } from './deps.ts'
import { forgetContext, recallContext, rememberContext } from './invitation-context-cache.ts'

export type RespondentStatus = 'open' | 'completed' | 'declined' | 'expired'

export type Session = {
  invitation: InvitationContext
  runtime: SurveyRuntime
  status: RespondentStatus
  answers: Answers
  language: Language
  /** SHA-256 of the token: the key of the isolate's context cache. */
  tokenHash: string
  /** Built from the isolate's cache without a read: its writes carry the full guard, and a miss is `StaleSession`. */
  cached: boolean
}

/**
 * A write from a cached session found the database other than the cache said (closed, expired, re-issued,
 * or saved elsewhere): nothing was stored, and the request is answered again from a fresh read.
 */
export class StaleSession extends Error {
  constructor() {
    super('the cached invitation context is stale')
  }
}

/** An open invitation past its expiry is "expired"; a finished one keeps its outcome. */
export function statusAt(invitation: Pick<InvitationContext, 'status' | 'expiresAt'>, now: string): RespondentStatus {
  return invitation.status === 'open' && now >= invitation.expiresAt ? 'expired' : invitation.status
}

function sessionOf(
  invitation: InvitationContext,
  runtime: SurveyRuntime,
  status: RespondentStatus,
  tokenHash: string,
  cached: boolean,
): Session {
  return {
    invitation,
    runtime,
    status,
    answers: invitation.saved?.answers ?? {},
    language: invitation.saved?.language ?? invitation.language,
    tokenHash,
    cached,
  }
}

/**
 * Everything about one personal link, read from D1; unknown (or re-issued) tokens are 404. Opening is
 * timestamped. An open invitation's context is then kept in the isolate for the saves that follow.
 */
export async function openSession(deps: Deps, token: string, options: { markOpen: boolean }): Promise<Session> {
  const { db } = deps
  const tokenHash = await sha256Hex(token)
  const invitation = await invitationContextByTokenHash(db, tokenHash)
  if (!invitation) {
    forgetContext(tokenHash)
    throw new ApiError(404, 'No survey behind this link; it may have been replaced by a newer one')
  }
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
  if (status === 'open') rememberContext(tokenHash, invitation)
  else forgetContext(tokenHash)
  return sessionOf(invitation, runtime, status, tokenHash, false)
}

/** The session from the isolate's cache, without a read; undefined when not cached, not open by the clock, or its survey is not compiled here. */
export async function cachedSession(deps: Deps, token: string): Promise<Session | undefined> {
  const tokenHash = await sha256Hex(token)
  const invitation = recallContext(tokenHash)
  if (!invitation) return undefined
  // A cached context was remembered by a page view, which loaded the survey runtime: this import is already done.
  const { cachedRuntime } = await import('../surveys/runtime.ts')
  const runtime = cachedRuntime(invitation.surveyId, invitation.surveyVersion)
  if (!runtime || statusAt(invitation, deps.now()) !== 'open') return undefined
  return sessionOf(invitation, runtime, 'open', tokenHash, true)
}

/**
 * Runs a respondent's write with the cached session when there is one (one D1 round trip), and again
 * with a freshly read one when there is none or its guarded write found the cache stale (two round trips,
 * as without a cache). `run` must write only through the guarded statements and throw `StaleSession`
 * (as answerSurvey and declineSurvey do) before anything else happens when a cached write misses.
 */
export async function withSession<T>(deps: Deps, token: string, run: (s: Session) => Promise<T>): Promise<T> {
  const cached = await cachedSession(deps, token)
  if (cached) {
    try {
      return await run(cached)
    } catch (err) {
      if (!(err instanceof StaleSession)) throw err
      forgetContext(cached.tokenHash)
    }
  }
  return run(await openSession(deps, token, { markOpen: false }))
}
