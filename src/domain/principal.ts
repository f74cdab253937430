/**
 * Who is calling: the bootstrap admin, a procurer (optionally bound to one programme), a provider, or a
 * national key (a ministry: no programme, reads only the national comparison of public figures).
 */
export type Principal =
  | { role: 'admin'; keyId: null }
  | { role: 'procurer'; keyId: string; programmeId: string | null }
  | { role: 'provider'; keyId: string; programmeId: string; providerId: string }
  | { role: 'national'; keyId: string }
