// Talking to the Worker the way a client does: the documented JSON API.
import { api } from '../../scripts/api-client.ts'

export { api }

export type Language = 'fi' | 'sv' | 'en'
export type Invitation = { url: string; token: string; language: Language }
export type RespondState = { status: string; language: string; answers: Record<string, unknown> }

/** What the respondent API says about one link (GET /api/v1/respond/:token). */
export async function respondState(base: string, token: string): Promise<RespondState> {
  const data = await api(base, null, 'GET', `/respond/${token}`)
  return { status: data.status, language: data.language, answers: data.answers }
}

/** Polls `check` until it returns a value other than undefined/false, or throws after `timeoutMs`. */
export async function waitUntil<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 10_000,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const value = await check()
      if (value !== undefined && value !== false) return value
    } catch (err) {
      last = err
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`,
      )
    await new Promise((r) => setTimeout(r, everyMs))
  }
}

/** Which personal link each scenario uses; every scenario gets its own. */
export const LINKS = {
  resume: { type: 'company', language: 'sv' },
  noJs: { type: 'company', language: 'fi' },
  decline: { type: 'company', language: 'en' },
  axeWalk: { type: 'company', language: 'fi' },
  axeDecline: { type: 'company', language: 'sv' },
  axeJobseeker: { type: 'jobseeker', language: 'fi' },
  phone: { type: 'company', language: 'en' },
  weight: { type: 'company', language: 'fi' },
  offline: { type: 'company', language: 'fi' },
  revealed: { type: 'company', language: 'en' },
  landing: { type: 'company', language: 'sv' },
} as const
export type LinkName = keyof typeof LINKS

/**
 * Seeds one programme (cx-company / cx-jobseeker), a procurer key, a provider and one episode per
 * scenario through the API; the invitation links come from the import response.
 */
export async function seed(base: string, admin: string): Promise<Record<LinkName, Invitation>> {
  const programme = await api(base, admin, 'POST', '/programmes', {
    name: 'Browser test programme',
    region: 'Pirkanmaa',
    currency: 'EUR',
    surveys: { company: 'cx-company', jobseeker: 'cx-jobseeker' },
    feeRule: {
      currency: 'EUR',
      components: [
        { type: 'base', perClient: 1000 },
        { type: 'quality', basis: 'client', perClientMax: 500, scoring: { mode: 'linear' }, nonResponse: 'zero' },
      ],
    },
    publication: { minResponses: 10 },
  })
  const procurer = await api(base, admin, 'POST', '/keys', {
    role: 'procurer',
    programmeId: programme.id,
    label: 'browser tests',
  })
  const provider = await api(base, procurer.key, 'POST', `/programmes/${programme.id}/providers`, {
    name: 'Testpolku Oy',
    businessId: '1234567-1',
  })
  const names = Object.keys(LINKS) as LinkName[]
  const episodes = names.map((name, i) => ({
    providerId: provider.id,
    customerType: LINKS[name].type,
    externalRef: `BROWSER-${String(i + 1).padStart(3, '0')}-${name}`,
    serviceType: 'recruitment-coaching',
    startedOn: '2026-09-01',
    endedOn: '2026-10-15',
    riskClass: 'A',
    language: LINKS[name].language,
  }))
  const imported = await api(base, procurer.key, 'POST', `/programmes/${programme.id}/episodes`, { episodes })
  if (imported.created !== names.length)
    throw new Error(`expected ${names.length} new episodes, got ${JSON.stringify(imported).slice(0, 300)}`)
  const links = {} as Record<LinkName, Invitation>
  names.forEach((name, i) => {
    const inv = imported.episodes[i].invitation
    if (!inv.url || !inv.token) throw new Error(`episode ${i} came back without an invitation link`)
    if (!inv.url.startsWith(`${base}/s/`)) throw new Error(`unexpected invitation url ${inv.url}`)
    links[name] = { url: inv.url, token: inv.token, language: inv.language }
  })
  return links
}
