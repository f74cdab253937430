// Seeds (once) a demo programme through the public API and prints its keys and survey links.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { DatabaseSync } from 'node:sqlite'
import { api } from './api-client.ts'
import { d1File } from './local-d1.ts'

/** A calendar date `days` from today (negative: in the past), YYYY-MM-DD. */
const dayFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

/**
 * A plausible address per respondent: clients answer from their own networks (home broadband, mobile).
 * The third provider's answers all come from one office network, so the demo shows one integrity flag
 * (one_network) with its reason, on one provider only.
 */
function respondentIp(i: number, provider: number): string {
  if (provider === 2) return `193.166.42.${10 + (i % 200)}`
  return `${[84, 91, 176, 213, 62][i % 5]}.${(i * 37) % 250}.${(i * 11) % 250}.${1 + (i % 250)}`
}

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
    const ip = { 'cf-connecting-ip': respondentIp(i, i % providerNames.length) }
    const respond = (method: string, path: string, body?: unknown) =>
      fetch(`${base}/api/v1/respond/${e.invitation.token}${path}`, {
        method,
        headers: body ? { 'content-type': 'application/json', ...ip } : ip,
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
        occurredOn: dayFromToday(-20),
      })
    }
  }
}

/**
 * Development only, never in the Worker: the API stamps registration and answers with the server clock,
 * so a demo seeded in one minute would show every answer "soon after registration" and "too fast". This
 * moves the demo's timestamps on the local D1 file to how a real programme looks: each episode registered
 * the day after its service ended, each answer one to fourteen days later, taking 3 to 12 minutes.
 */
function backdateAnswers(persistDir: string, programmeId: string): void {
  const db = new DatabaseSync(d1File(persistDir))
  const iso = (expr: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${expr})`
  try {
    db.exec('BEGIN')
    db.prepare(
      `UPDATE episodes SET created_at = ${iso("ended_on, '+1 day', '+8 hours', '+' || (abs(random()) % 480) || ' minutes'")}
       WHERE programme_id = ?`,
    ).run(programmeId)
    const mine = 'episode_id IN (SELECT id FROM episodes WHERE programme_id = ?)'
    const registered = '(SELECT created_at FROM episodes e WHERE e.id = invitations.episode_id)'
    db.prepare(`UPDATE invitations SET issued_at = ${registered} WHERE ${mine}`).run(programmeId)
    // started 1-14 days after registration (opened a minute before), finished 3-12 minutes later
    db.prepare(
      `UPDATE invitations SET started_at = ${iso(`issued_at, '+' || (1 + abs(random()) % 14) || ' days', '+' || (abs(random()) % 600) || ' minutes'`)}
       WHERE ${mine} AND started_at IS NOT NULL`,
    ).run(programmeId)
    db.prepare(
      `UPDATE invitations SET opened_at = ${iso("COALESCE(started_at, issued_at, '+3 days'), '-1 minute'")}
       WHERE ${mine} AND opened_at IS NOT NULL`,
    ).run(programmeId)
    db.prepare(
      `UPDATE invitations SET completed_at = ${iso(`started_at, '+' || (180 + abs(random()) % 540) || ' seconds'`)}
       WHERE ${mine} AND completed_at IS NOT NULL`,
    ).run(programmeId)
    db.prepare(
      `UPDATE invitations SET declined_at = ${iso("COALESCE(opened_at, issued_at), '+2 minutes'")}
       WHERE ${mine} AND declined_at IS NOT NULL`,
    ).run(programmeId)
    const inv = '(SELECT %s FROM invitations i WHERE i.id = responses.invitation_id)'
    db.prepare(
      `UPDATE responses SET created_at = ${inv.replace('%s', 'COALESCE(i.started_at, i.opened_at, i.issued_at)')},
         updated_at = ${inv.replace('%s', 'COALESCE(i.completed_at, i.started_at, i.opened_at, i.issued_at)')},
         completed_at = CASE WHEN completed = 1 THEN ${inv.replace('%s', 'i.completed_at')} END
       WHERE invitation_id IN (SELECT id FROM invitations WHERE ${mine})`,
    ).run(programmeId)
    db.exec('COMMIT')
  } finally {
    db.close()
  }
}

async function create(base: string, admin: string, persistDir: string | null): Promise<DemoState> {
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
    // Services that ended four to eight weeks ago; see backdateAnswers for when they were answered.
    startedOn: dayFromToday(-120),
    endedOn: dayFromToday(-56 + (i % 28)),
    riskClass: ['A', 'B', 'C'][i % 3],
    language: languages[i % 3],
    // The first links get an address so the delivery job has something to send to the local mailbox.
    ...(i < 6 ? { contact: { email: `asiakas${i + 1}@example.fi` } } : {}),
  }))
  const imported = await api(base, procurer.key, 'POST', `/programmes/${programme.id}/episodes`, { episodes })
  await answerSome(base, procurer.key, imported.episodes)
  if (persistDir) backdateAnswers(persistDir, programme.id)
  // The first six links are left unanswered for you to try.
  const links = imported.episodes.slice(0, 6).map((e: { invitation: { url: string } }) => e.invitation.url)
  return { programmeId: programme.id, procurerKey: procurer.key, providers, links }
}

/** persistDir: the local D1 of `wrangler dev`, whose demo timestamps are then backdated (see backdateAnswers). */
export async function seedDemo(base: string, admin: string, persistDir: string | null = null): Promise<void> {
  let state: DemoState | null = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : null
  if (state) {
    const res = await fetch(`${base}/api/v1/programmes/${state.programmeId}`, {
      headers: { authorization: `Bearer ${admin}` },
    })
    if (res.status !== 200) state = null
  }
  if (!state) {
    state = await create(base, admin, persistDir)
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
