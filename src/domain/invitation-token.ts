import { randomSecret, sha256Hex } from '../lib/crypto.ts'
import { addDays } from '../lib/time.ts'

/** A personal, single-use survey token: 256 random bits, of which only the hash is stored. */
export async function newInvitationToken(issuedAt: string, lifetimeDays: number) {
  const token = randomSecret(32)
  return { token, tokenHash: await sha256Hex(token), issuedAt, expiresAt: addDays(issuedAt, lifetimeDays) }
}
