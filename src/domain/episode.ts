import type { CustomerType, Language } from '../schemas/common.ts'

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
  riskClass: string | null
  language: Language
  createdAt: string
  /** Contact data is write-only: it is used to deliver the invitation and never read back out. */
  hasContact: boolean
}
