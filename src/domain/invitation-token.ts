import { randomSecret, sha256Hex } from '../lib/crypto.ts'
import { addDays } from '../lib/time.ts'

/** A personal, single-use survey token: 256 random bits, of which only the hash is stored. */
export async function newInvitationToken(issuedAt: string, lifetimeDays: number) {
  const token = randomSecret(32)
  return { token, tokenHash: await sha256Hex(token), issuedAt, expiresAt: addDays(issuedAt, lifetimeDays) }
}

/** The shape of a token as issued: 32 random bytes in base64url, 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/
const LINK_PATH = /\/s\/([A-Za-z0-9_-]{43})(?:[/?#].*)?$/

/**
 * The token in what a respondent pasted: a whole survey link (any origin, with or without a query) or
 * the token alone; null for anything else. It only checks the shape: whether a survey is behind it is
 * for the survey page to say.
 */
export function tokenFromPasted(pasted: string): string | null {
  const text = pasted.trim()
  if (text.length > 2000) return null
  if (TOKEN.test(text)) return text
  return LINK_PATH.exec(text)?.[1] ?? null
}
