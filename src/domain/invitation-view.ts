// What a key sees of an invitation. A provider key must never learn whether one given client answered,
// so it gets neither the status nor any timestamp a client's action sets (opened, started, completed,
// declined); response counts reach it only per month, under the release rule (diagnostics `months`).
// issuedAt and expiresAt are set when the link is issued, by no client action, and stay visible.

export type InvitationFacts = {
  id: string
  status: 'open' | 'completed' | 'declined'
  surveyId: string
  surveyVersion: number
  language: string
  issuedAt: string
  expiresAt: string
  openedAt?: string | null
  startedAt?: string | null
  completedAt?: string | null
  declinedAt?: string | null
}

const CLIENT_SET = ['status', 'openedAt', 'startedAt', 'completedAt', 'declinedAt'] as const

/** The invitation without what its client's actions reveal, for a provider key; unchanged for a procurer. */
export function invitationFor<T extends InvitationFacts>(
  invitation: T,
  providerKey: boolean,
): T | Omit<T, (typeof CLIENT_SET)[number]> {
  if (!providerKey) return invitation
  const out: Record<string, unknown> = { ...invitation }
  for (const field of CLIENT_SET) delete out[field]
  return out as Omit<T, (typeof CLIENT_SET)[number]>
}
