import type { CustomerType, Language } from '../schemas/common.ts'

export type EpisodeStatus = 'pending' | 'confirmed' | 'rejected'

/** Who did something: the key and its role (the admin has no key id). */
export type Actor = { keyId: string | null; role: 'admin' | 'procurer' | 'provider' | null }

/** A service episode: one client served by one provider, the unit an invitation is sent for. */
export type Episode = {
  id: string
  programmeId: string
  providerId: string
  customerType: CustomerType
  externalRef: string
  serviceType: string | null
  startedOn: string
  endedOn: string
  /** The class that prices result fees: set by the procurer only. */
  riskClass: string | null
  /** A class the provider proposed when it imported the episode; it prices nothing. */
  proposedRiskClass: string | null
  language: Language
  /** Pending episodes (imported by a provider, awaiting the procurer) get no invitation and earn nothing. */
  status: EpisodeStatus
  createdAt: string
  createdBy: Actor
  /** Who confirmed or rejected it; null while pending (and for episodes from before custody was recorded). */
  reviewedBy: (Actor & { at: string }) | null
  /** The procurer's reason for a rejection, shown to the provider too. */
  reviewNote: string | null
  /** Contact data is write-only: it is used to deliver the invitation and never read back out. */
  hasContact: boolean
}
