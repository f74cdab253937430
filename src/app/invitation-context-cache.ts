// What a respondent's save needs about their invitation, kept briefly in the isolate after a page view so
// the save is one D1 batch instead of a read and a write. Keyed by the token's SHA-256 (the raw token is
// never held). The entry is only a hint: every write from it is guarded in SQL by the state it assumes
// (src/db/respondent-guard.ts), so a stale entry can make a write miss, never land where it must not.
import type { InvitationContext } from '../db/invitations.ts'
import { Lru } from '../lib/lru.ts'

/** Enough for every respondent active in one isolate within the TTL; an entry is a few kilobytes at most. */
export const CONTEXT_CACHE_SIZE = 1000
export const CONTEXT_CACHE_TTL_MS = 60_000

const contexts = new Lru<Readonly<InvitationContext>>(CONTEXT_CACHE_SIZE, CONTEXT_CACHE_TTL_MS)

/** Only an open invitation is kept: a finished one is read each time (its requests are rare and answered from the row). */
export function rememberContext(tokenHash: string, context: InvitationContext): void {
  if (context.status !== 'open') contexts.delete(tokenHash)
  else contexts.set(tokenHash, Object.freeze({ ...context }))
}

export function recallContext(tokenHash: string): InvitationContext | undefined {
  const hit = contexts.get(tokenHash)
  return hit && { ...hit }
}

export function forgetContext(tokenHash: string): void {
  contexts.delete(tokenHash)
}
