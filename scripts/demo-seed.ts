// Seeds (once) a demo programme through the public API and prints its keys and survey links.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { api } from './api-client.ts'

const stateFile = '.wrangler/laatu-demo.json'

type DemoState = {
  programmeId: string
  procurerKey: string
  providers: Array<{ id: string; name: string; key: string }>
  links: string[]
}

const providerNames = ['Kasvupolku Oy', 'Rekrytaito Oy', 'Yrityskumppani Ab']

type ImportedEpisode = { id: string; externalRef: string; invitation: { token: string } }

const companyItems = [
  'need_clarity',
  'employer_obligations',
  'recruitment_plan',
  'candidate_channels',
  'recruitment_decision',
]
const jobseekerItems = ['job_search_plan', 'applications_sent', 'interviews_and_placements', 'application_documents']

/** Answers, declines and partial answers for most demo episodes, so scores and diagnostics have data. */
async function answerSome(base: string, procurerKey: string, episodes: ImportedEpisode[]): Promise<void> {
  for (const [i, e] of episodes.entries()) {
    if (i < 6) continue
    const respond = (method: string, path: string, body?: unknown) =>
      fetch(`${base}/api/v1/respond/${e.invitation.token}${path}`, {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      })
    const jobseeker = i % 4 === 3
    const items = jobseeker ? jobseekerItems : companyItems
    // Provider quality differs: the first provider's clients answer highest.
    const top = (k: number) => (jobseeker && k === 1 ? 5 : 4)
    const position = (k: number) => Math.max(1, top(k) - ((i % 3) + ((i + k) % 2)))
    const answers: Record<string, unknown> = Object.fromEntries(items.map((item, k) => [item, position(k)]))
    answers[jobseeker ? 'recommend' : 'use_again'] = jobseeker ? 'this_provider' : 'same_provider'
    if (i % 10 === 7) await respond('POST', '/decline')
    else if (i % 10 === 9)
      await respond('PUT', '', { answers: Object.fromEntries(Object.entries(answers).slice(0, 2)) })
    else await respond('PUT', '', { answers, complete: true })
    if (i % 3 === 0) {
      await api(base, procurerKey, 'POST', `/episodes/${e.id}/outcomes`, {
        type: 'recruitment',
        occurredOn: '2026-11-01',
      })
    }
  }
}

async function create(base: string, admin: string): Promise<DemoState> {
  const programme = await api(base, admin, 'POST', '/programmes', {
    name: 'Demo: Kasvubuusti',
    region: 'Pirkanmaa',
    currency: 'EUR',
    surveys: { company: 'cx-company', jobseeker: 'cx-jobseeker' },
    // Pirkanmaa: 50 % base, 25 % results, 25 % customer-rated quality, on a EUR 2,000 contract price.
    feeRule: {
      currency: 'EUR',
      components: [
        { type: 'base', perClient: 1000 },
        { type: 'result', outcome: 'recruitment', perClient: 500 },
        {
          type: 'quality',
          basis: 'client',
          perClientMax: 500,
          scoring: { mode: 'linear' },
          nonResponse: 'zero',
          minResponseRate: 0,
        },
      ],
    },
    publication: { minResponses: 10 },
  })
  const procurer = await api(base, admin, 'POST', '/keys', {
    role: 'procurer',
    programmeId: programme.id,
    label: 'demo procurer',
  })
  const providers: DemoState['providers'] = []
  for (const name of providerNames) {
    const p = await api(base, admin, 'POST', `/programmes/${programme.id}/providers`, { name })
    const k = await api(base, admin, 'POST', '/keys', { role: 'provider', providerId: p.id, label: `demo ${name}` })
    providers.push({ id: p.id, name, key: k.key })
  }
  const languages = ['fi', 'sv', 'en'] as const
  const episodes = Array.from({ length: 60 }, (_, i) => ({
    providerId: providers[i % providers.length].id,
    customerType: i % 4 === 3 ? 'jobseeker' : 'company',
    externalRef: `DEMO-${String(i + 1).padStart(3, '0')}`,
    serviceType: i % 2 === 0 ? 'recruitment-coaching' : 'growth-planning',
    startedOn: '2026-09-01',
    endedOn: `2026-10-${String((i % 28) + 1).padStart(2, '0')}`,
    riskClass: ['A', 'B', 'C'][i % 3],
    language: languages[i % 3],
    // The first links get an address so the delivery job has something to send to the local mailbox.
    ...(i < 6 ? { contact: { email: `asiakas${i + 1}@example.fi` } } : {}),
  }))
  const imported = await api(base, procurer.key, 'POST', `/programmes/${programme.id}/episodes`, { episodes })
  await answerSome(base, procurer.key, imported.episodes)
  // The first six links are left unanswered for you to try.
  const links = imported.episodes.slice(0, 6).map((e: { invitation: { url: string } }) => e.invitation.url)
  return { programmeId: programme.id, procurerKey: procurer.key, providers, links }
}

export async function seedDemo(base: string, admin: string): Promise<void> {
  let state: DemoState | null = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : null
  if (state) {
    const res = await fetch(`${base}/api/v1/programmes/${state.programmeId}`, {
      headers: { authorization: `Bearer ${admin}` },
    })
    if (res.status !== 200) state = null
  }
  if (!state) {
    state = await create(base, admin)
    mkdirSync('.wrangler', { recursive: true })
    writeFileSync(stateFile, JSON.stringify(state, null, 2))
  }
  const lines = [
    '',
    `Laatu is running at ${base}`,
    `  admin key (ADMIN_TOKEN in .dev.vars): ${admin}`,
    `  demo programme: ${state.programmeId}`,
    `  procurer key:   ${state.procurerKey}   -> ${base}/procurer`,
    ...state.providers.map((p) => `  provider key:   ${p.key}   (${p.name}) -> ${base}/provider`),
    `  public ratings: ${base}/ratings/${state.programmeId}`,
    `  API reference:  ${base}/docs`,
    `  local mailbox (invitations sent by the delivery job): ${base}/dev/mailbox`,
    '  survey links (personal, single-use):',
    ...state.links.map((l) => `    ${l}`),
    '',
  ]
  console.log(lines.join('\n'))
}
