// Seeds through the public API, as an operator would: a programme, a procurer key, providers, and
// company episodes in one JSON import. The personal tokens exist only in the import's response.
import { randomBytes } from 'node:crypto'
import { api } from '../api-client.ts'

/** Seeding a large import may take a while on a busy machine: a generous timeout. */
const seedCall = (base: string, key: string, method: string, path: string, body?: unknown) =>
  api(base, key, method, path, body, 120_000)

// An episode as the import answers it; the token is checked below rather than trusted.
type ImportedEpisode = { id: string; externalRef: string; invitation?: { id: string; token?: string } }

export type Invitation = { episodeId: string; invitationId: string; token: string; language: 'fi' | 'sv' | 'en' }
export type Seeded = { programmeId: string; procurerKey: string; providerIds: string[]; invitations: Invitation[] }

const LANGUAGES = ['fi', 'sv', 'en'] as const

export async function seedProgramme(
  base: string,
  adminToken: string,
  episodes: number,
  providers = 10,
  label = 'Load test',
): Promise<Seeded> {
  const run = randomBytes(4).toString('hex')
  const programme = await seedCall(base, adminToken, 'POST', '/programmes', {
    name: `${label} ${run}`,
    region: 'Pirkanmaa',
    currency: 'EUR',
    surveys: { company: 'cx-company', jobseeker: 'cx-jobseeker' },
    feeRule: { currency: 'EUR', components: [{ type: 'base', perClient: 1000 }] },
    publication: { minResponses: 10 },
  })
  const procurer = await seedCall(base, adminToken, 'POST', '/keys', {
    role: 'procurer',
    programmeId: programme.id,
    label: `${label} ${run}`,
  })
  const providerIds: string[] = []
  for (let p = 0; p < providers; p++) {
    const created = await seedCall(base, procurer.key, 'POST', `/programmes/${programme.id}/providers`, {
      name: `${label} provider ${p + 1} ${run}`,
    })
    providerIds.push(created.id)
  }
  const input = Array.from({ length: episodes }, (_, i) => ({
    providerId: providerIds[i % providerIds.length],
    customerType: 'company',
    externalRef: `LOAD-${run}-${String(i + 1).padStart(5, '0')}`,
    serviceType: 'recruitment-coaching',
    startedOn: '2026-09-01',
    endedOn: `2026-10-${String((i % 28) + 1).padStart(2, '0')}`,
    language: LANGUAGES[i % 3],
  }))
  const imported = await seedCall(base, procurer.key, 'POST', `/programmes/${programme.id}/episodes`, {
    episodes: input,
  })
  if (imported.created !== episodes) throw new Error(`import created ${imported.created} of ${episodes} episodes`)
  const invitations: Invitation[] = imported.episodes.map((e: ImportedEpisode, i: number) => {
    if (!e.invitation?.token) throw new Error(`episode ${e.externalRef} came back without its token`)
    return { episodeId: e.id, invitationId: e.invitation.id, token: e.invitation.token, language: LANGUAGES[i % 3] }
  })
  return { programmeId: programme.id, procurerKey: procurer.key, providerIds, invitations }
}
