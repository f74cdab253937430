/** Who is calling: the bootstrap admin, a procurer (optionally bound to one programme) or a provider. */
export type Principal =
  | { role: 'admin'; keyId: null }
  | { role: 'procurer'; keyId: string; programmeId: string | null }
  | { role: 'provider'; keyId: string; programmeId: string; providerId: string }
