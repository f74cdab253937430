// Follow-up surveys for outcomes (issue 15): the delivery job invites each episode followUpDays after its end,
// the answers become reported outcomes the procurer confirms, and a confirmed one pays a result component.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { linkSettings } from '../src/app/deps.ts'
import { runDelivery } from '../src/delivery/job.ts'
import type { Outgoing } from '../src/delivery/senders.ts'
import { documentedShapes } from './documented-shapes.ts'
import { call, companyAnswers, episode, type Json, setupProgramme } from './helpers.ts'

const documented = async () => documentedShapes((await call('GET', '/api/v1/openapi.json')).data)

/** PUBLIC_BASE_URL in vitest.config.ts */
const ORIGIN = 'http://laatu.test'
const DAY = 86_400_000
const NOW = new Date().toISOString()
const daysFrom = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString()
const day = (iso: string) => iso.slice(0, 10)
/** The episodes ended 92 days ago: their follow-up day is today (the respondent answers on the real clock). */
const ENDED = day(daysFrom(NOW, -92))
const STARTED = day(daysFrom(NOW, -130))
const HIRED = day(daysFrom(NOW, -48)) // 44 days after the end: within the 92 days the rule allows
const PERIOD = { from: day(daysFrom(NOW, -200)), to: day(NOW) }

const NATIONAL = {
  currency: 'EUR',
  components: [
    { key: 'base', type: 'base', perClient: 800 },
    { key: 'hire', type: 'result', outcome: 'recruitment', minValue: 0.5, withinDays: 92, perClient: 1200 },
    { key: 'quality', type: 'quality', basis: 'client', perClientMax: 500, scoring: { mode: 'linear' } },
  ],
}

const form = (fields: Record<string, string>) => ({
  body: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
})

async function programmeWithFollowUp() {
  const s = await setupProgramme({ followUpDays: 92, feeRule: NATIONAL })
  const import_ = async (episodes: Json[]) =>
    (await call('POST', `/api/v1/programmes/${s.programme.id}/episodes`, { key: s.procurerKey, json: { episodes } }))
      .data.episodes as Json[]
  return { ...s, import_ }
}

const followUps = (programmeId: string) =>
  env.DB.prepare(
    `SELECT i.episode_id AS episodeId, i.survey_id AS surveyId, i.status, i.sealed_token IS NOT NULL AS sealed
     FROM invitations i JOIN episodes e ON e.id = i.episode_id WHERE e.programme_id = ?1 AND i.wave = 'followup'
     ORDER BY sealed, e.external_ref`,
  )
    .bind(programmeId)
    .all<{ episodeId: string; surveyId: string; status: string; sealed: number }>()
    .then((r) => r.results)

const contactOf = (episodeId: string) =>
  env.DB.prepare('SELECT contact_email AS email FROM episodes WHERE id = ?1')
    .bind(episodeId)
    .first<{ email: string | null }>()
    .then((r) => r!.email)

/** Runs the delivery job at `at` and returns the survey tokens it mailed to `recipient`. */
async function deliver(at: string, recipients: string[]) {
  const sent: Outgoing[] = []
  const report = await runDelivery(env.DB, at, async (m) => void sent.push(m), ORIGIN, linkSettings(env))
  const tokens = new Map<string, string>()
  for (const m of sent) {
    if (!recipients.includes(m.recipient)) continue
    tokens.set(m.recipient, /\/s\/([A-Za-z0-9_-]+)/.exec(m.body)![1])
  }
  return { report, tokens, sent }
}

/** Every figure of the exit wave a follow-up must leave alone: scores, exit rates and item statistics. */
async function exitFigures(pid: string, key: string) {
  const q = `from=${PERIOD.from}&to=${PERIOD.to}`
  const scores = (await call('GET', `/api/v1/programmes/${pid}/scores?${q}`, { key })).data
  const { followUp: _, ...diagnostics } = (await call('GET', `/api/v1/programmes/${pid}/diagnostics?${q}`, { key }))
    .data
  return { scores, diagnostics }
}

/** A fee run over PERIOD: provider `providerId`'s statement. */
async function feeRun(pid: string, key: string, providerId: string) {
  const res = await call('POST', `/api/v1/programmes/${pid}/fee-runs`, { key, json: PERIOD })
  expect(res.status, JSON.stringify(res.data)).toBe(201)
  return res.data.providers.find((p: Json) => p.providerId === providerId) as Json
}

describe('follow-up surveys', () => {
  it('are sent on the follow-up day by the delivery job; a confirmed answer pays the result component', async () => {
    const s = await programmeWithFollowUp()
    const [mailed, sealed, jobseeker] = await s.import_([
      episode(s.providerA.id, { startedOn: STARTED, endedOn: ENDED, contact: { email: 'hired@example.fi' } }),
      episode(s.providerA.id, { startedOn: STARTED, endedOn: ENDED }),
      // the built-in follow-up survey asks a company about hiring: a job seeker gets none
      episode(s.providerA.id, {
        customerType: 'jobseeker',
        startedOn: STARTED,
        endedOn: ENDED,
        contact: { email: 'seeker@example.fi' },
      }),
    ])
    // the exit survey: answered at the top of every scale, which closes the exit invitation
    const exit = await call('PUT', `/api/v1/respond/${mailed.invitation.token}`, {
      json: { answers: companyAnswers([4, 4, 4, 4, 4]), complete: true },
    })
    expect(exit.status).toBe(200)

    // the day before: nothing is queued, and the contact is kept for the follow-up to come
    const before = await deliver(daysFrom(NOW, -1), ['hired@example.fi'])
    expect(await followUps(s.programme.id)).toEqual([])
    expect(before.tokens.size).toBe(0)
    expect(await contactOf(mailed.id)).toBe('hired@example.fi')
    const exitBefore = await exitFigures(s.programme.id, s.procurerKey)
    const feesBefore = await feeRun(s.programme.id, s.procurerKey, s.providerA.id)

    // the day: both company clients are invited, the one with an email by email, the other by a sealed link
    const theDay = await deliver(NOW, ['hired@example.fi', 'seeker@example.fi'])
    expect(theDay.report.followUps).toBeGreaterThanOrEqual(2)
    const invited = await followUps(s.programme.id)
    expect(invited.map((f) => [f.episodeId, f.surveyId, f.status, f.sealed])).toEqual([
      [mailed.id, 'outcome-followup', 'open', 0],
      [sealed.id, 'outcome-followup', 'open', 1],
    ])
    expect(invited.some((f) => f.episodeId === jobseeker.id)).toBe(false)
    const token = theDay.tokens.get('hired@example.fi')!
    expect(token).toBeDefined()
    expect(theDay.sent.find((m) => m.recipient === 'hired@example.fi')!.subject).toBe(
      `Mitä palvelun jälkeen tapahtui? (${s.providerA.name})`,
    )
    expect(theDay.tokens.has('seeker@example.fi')).toBe(false)
    const links = (
      await call('GET', `/api/v1/programmes/${s.programme.id}/invitation-links.csv`, { key: s.procurerKey })
    ).data as string
    expect(links.split('\r\n').filter((l) => l.includes(',followup,'))).toHaveLength(1)
    expect(links).toContain(sealed.externalRef)

    // running again (or twice at once) invites nobody twice and sends nothing again
    const again = await Promise.all([deliver(NOW, ['hired@example.fi']), deliver(NOW, ['hired@example.fi'])])
    expect(again.map((a) => a.tokens.size)).toEqual([0, 0])
    expect(await followUps(s.programme.id)).toHaveLength(2)

    // the client answers on the survey page without JavaScript: "yes" reveals hours and start date
    const page = (await call('GET', `/s/${token}`)).data as string
    expect(page).toContain('name="recruited"')
    expect(page).not.toContain('name="start_date"')
    const yes = await call(
      'POST',
      `/s/${token}`,
      form({ page: '0', lang: 'fi', action: 'complete', recruited: 'true', shown: 'recruited' }),
    )
    expect(yes.status).toBe(200)
    expect(yes.data).toContain('type="date"')
    expect(yes.data).toContain('type="number"')
    const done = await call(
      'POST',
      `/s/${token}`,
      form({
        page: '0',
        lang: 'fi',
        action: 'complete',
        recruited: 'true',
        weekly_hours: '20',
        start_date: HIRED,
        shown: 'recruited,weekly_hours,start_date',
      }),
    )
    expect(done.status).toBe(303)

    // the reported outcome waits in the procurer's queue: 20 hours a week = 0.53 full-time equivalents
    const queue = await call('GET', `/api/v1/programmes/${s.programme.id}/reported-outcomes`, { key: s.procurerKey })
    expect(queue.status).toBe(200)
    const check = await documented()
    check('ReportedOutcomeList', queue.data)
    expect(queue.data.reportedOutcomes).toMatchObject([
      { episodeId: mailed.id, type: 'recruitment', occurredOn: HIRED, value: 0.53, status: 'pending' },
    ])

    // the follow-up closed: the contact goes at the next run
    await deliver(daysFrom(NOW, 0.01), [])
    expect(await contactOf(mailed.id)).toBeNull()

    // its own response rate: 1 of 2 follow-ups completed; the exit wave's figures have not moved
    const q = `from=${PERIOD.from}&to=${PERIOD.to}`
    const diagnostics = (
      await call('GET', `/api/v1/programmes/${s.programme.id}/diagnostics?${q}`, { key: s.procurerKey })
    ).data
    check('Diagnostics', diagnostics)
    const ofA = diagnostics.followUp.providers.find((p: Json) => p.providerId === s.providerA.id)
    expect(ofA).toMatchObject({ invited: 2, opened: 1, completed: 1, declined: 0 })
    expect(ofA.rates).toMatchObject({ invited: 2, rr1: 0.5, ref1: 0 })
    expect(diagnostics.followUp.programme).toMatchObject({ invited: 2, completed: 1, rates: { rr1: 0.5 } })
    // a provider key: its own row only, and no figures of a group smaller than minGroup (5)
    const own = await call('GET', `/api/v1/programmes/${s.programme.id}/diagnostics?period=${ENDED.slice(0, 7)}`, {
      key: s.keyA,
    })
    check('Diagnostics', own.data)
    expect(own.data.followUp).toEqual({
      programme: null,
      providers: [
        {
          providerId: s.providerA.id,
          name: s.providerA.name,
          invited: null,
          opened: null,
          completed: null,
          declined: null,
          rates: null,
        },
      ],
    })
    expect(await exitFigures(s.programme.id, s.procurerKey)).toEqual(exitBefore)
    const unconfirmed = await feeRun(s.programme.id, s.procurerKey, s.providerA.id)
    expect(unconfirmed.components).toEqual(feesBefore.components)

    // confirmed, it is an outcome; the next fee run pays the hire to the cent, nothing else changes
    const id = queue.data.reportedOutcomes[0].id
    const confirmed = await call('POST', `/api/v1/programmes/${s.programme.id}/reported-outcomes/confirm`, {
      key: s.procurerKey,
      json: { ids: [id] },
    })
    expect(confirmed.status, JSON.stringify(confirmed.data)).toBe(200)
    check('ReportedOutcomeReviewResult', confirmed.data)
    expect(confirmed.data).toMatchObject({
      confirmed: 1,
      unchanged: 0,
      reportedOutcomes: [{ id, status: 'confirmed' }],
    })
    const twice = await call('POST', `/api/v1/programmes/${s.programme.id}/reported-outcomes/confirm`, {
      key: s.procurerKey,
      json: { ids: [id] },
    })
    expect(twice.data).toMatchObject({ confirmed: 0, unchanged: 1 })
    const outcomes = await env.DB.prepare(
      'SELECT type, occurred_on AS occurredOn, value FROM outcomes WHERE episode_id = ?1',
    )
      .bind(mailed.id)
      .all()
    expect(outcomes.results).toEqual([{ type: 'recruitment', occurredOn: HIRED, value: 0.53 }])

    const paid = await feeRun(s.programme.id, s.procurerKey, s.providerA.id)
    const amounts = (p: Json) => p.components.map((k: Json) => [k.type, k.amount])
    // base 3 x 800 = 2400; the hire 1200; quality 500 x 100/100 for the one closed exit invitation = 500
    expect(amounts(feesBefore)).toEqual([
      ['base', '2400.00'],
      ['result', '0.00'],
      ['quality', '500.00'],
    ])
    expect(amounts(paid)).toEqual([
      ['base', '2400.00'],
      ['result', '1200.00'],
      ['quality', '500.00'],
    ])
    expect(paid.total).toBe('4100.00')
    expect(await exitFigures(s.programme.id, s.procurerKey)).toEqual(exitBefore)
  })
})

describe('the reported outcomes queue', () => {
  /** n company clients invited to the follow-up today, each answering through the JSON API. */
  async function answered(answers: Json[]) {
    const s = await programmeWithFollowUp()
    const emails = answers.map((_, k) => `queue-${k}-${s.programme.id}@example.fi`)
    const imported = await s.import_(
      emails.map((email) => episode(s.providerA.id, { startedOn: STARTED, endedOn: ENDED, contact: { email } })),
    )
    const { tokens } = await deliver(NOW, emails)
    for (const [k, email] of emails.entries()) {
      const res = await call('PUT', `/api/v1/respond/${tokens.get(email)}`, {
        json: { answers: answers[k], complete: true },
      })
      expect(res.status, JSON.stringify(res.data)).toBe(200)
    }
    return { ...s, imported }
  }
  const hired = (hours: string, on = HIRED) => ({ recruited: true, weekly_hours: hours, start_date: on })
  const path = (pid: string, rest = '') => `/api/v1/programmes/${pid}/reported-outcomes${rest}`
  const outcomeCount = (pid: string) =>
    env.DB.prepare(
      'SELECT COUNT(*) AS n FROM outcomes o JOIN episodes e ON e.id = o.episode_id WHERE e.programme_id = ?1',
    )
      .bind(pid)
      .first<{ n: number }>()
      .then((r) => r!.n)

  it('lists what the answers report, confirms in bulk, rejects, and refuses bad ids without changing anything', async () => {
    const s = await answered([hired('37.5'), hired('10'), { recruited: false }, hired('15')])
    const pid = s.programme.id
    const queue = (await call('GET', path(pid), { key: s.procurerKey })).data
    // "no" reports nothing; the others in the order they were answered
    expect(queue.reportedOutcomes.map((r: Json) => [r.episodeId, r.value, r.status])).toEqual([
      [s.imported[0].id, 1, 'pending'],
      [s.imported[1].id, 0.27, 'pending'],
      [s.imported[3].id, 0.4, 'pending'],
    ])
    const [a, b, c] = queue.reportedOutcomes.map((r: Json) => r.id as string)

    // an unknown id (or one of another programme) is a 422 naming it; nothing is confirmed
    const other = await answered([hired('20')])
    const foreign = (await call('GET', path(other.programme.id), { key: other.procurerKey })).data.reportedOutcomes[0]
      .id
    for (const ids of [
      [a, 'rep_00000000000000000000'],
      [a, foreign],
    ]) {
      const bad = await call('POST', path(pid, '/confirm'), { key: s.procurerKey, json: { ids } })
      expect(bad.status).toBe(422)
      expect(bad.data.error.issues.map((i: Json) => i.path)).toEqual(['ids[1]'])
    }
    for (const body of [{ ids: [] }, { ids: ['not-an-id'] }, {}]) {
      const bad = await call('POST', path(pid, '/confirm'), { key: s.procurerKey, json: body })
      expect(bad.status).toBe(422)
      expect(bad.data.error.issues[0].path).toMatch(/^ids/)
    }
    expect(await outcomeCount(pid)).toBe(0)
    expect((await call('GET', path(pid), { key: s.procurerKey })).data.reportedOutcomes).toHaveLength(3)

    // a provider never sees nor reviews one
    expect((await call('GET', path(pid), { key: s.keyA })).status).toBe(403)
    expect((await call('POST', path(pid, '/confirm'), { key: s.keyA, json: { ids: [a] } })).status).toBe(403)
    expect(await outcomeCount(pid)).toBe(0)

    // bulk: two confirmed at once, one rejected; the queue is empty
    const bulk = await call('POST', path(pid, '/confirm'), { key: s.procurerKey, json: { ids: [a, b] } })
    expect(bulk.data).toMatchObject({ confirmed: 2, unchanged: 0 })
    const rejected = await call('POST', path(pid, '/reject'), { key: s.procurerKey, json: { ids: [c, a] } })
    expect(rejected.data).toMatchObject({ rejected: 1, unchanged: 1 })
    expect((await call('GET', path(pid), { key: s.procurerKey })).data.reportedOutcomes).toEqual([])
    const confirmedList = (await call('GET', path(pid, '?status=confirmed'), { key: s.procurerKey })).data
    expect(confirmedList.reportedOutcomes.map((r: Json) => r.id).sort()).toEqual([a, b].sort())
    expect(confirmedList.reportedOutcomes[0].reviewedAt).toEqual(expect.any(String))
    const rejectedList = (await call('GET', path(pid, '?status=rejected'), { key: s.procurerKey })).data
    expect(rejectedList.reportedOutcomes.map((r: Json) => r.id)).toEqual([c])
    expect(await outcomeCount(pid)).toBe(2)
    expect((await call('GET', path(pid, '?status=done'), { key: s.procurerKey })).status).toBe(400)
  })

  it('keeps an outcome the procurer recorded already, and refuses one dated before the service', async () => {
    const s = await answered([
      hired('37.5'),
      hired(
        '37.5',
        STARTED.replace(/^\d{4}/, (y) => String(Number(y) - 1)),
      ),
    ])
    const pid = s.programme.id
    await call('POST', `/api/v1/episodes/${s.imported[0].id}/outcomes`, {
      key: s.procurerKey,
      json: { type: 'recruitment', occurredOn: HIRED, value: 2 },
    })
    const [first, early] = (await call('GET', path(pid), { key: s.procurerKey })).data.reportedOutcomes
    const refused = await call('POST', path(pid, '/confirm'), {
      key: s.procurerKey,
      json: { ids: [first.id, early.id] },
    })
    expect(refused.status).toBe(422)
    expect(refused.data.error.issues).toMatchObject([{ path: 'ids[1]' }])
    const ok = await call('POST', path(pid, '/confirm'), { key: s.procurerKey, json: { ids: [first.id] } })
    expect(ok.data).toMatchObject({ confirmed: 1 })
    const rows = await env.DB.prepare('SELECT value FROM outcomes WHERE episode_id = ?1').bind(s.imported[0].id).all()
    expect(rows.results).toEqual([{ value: 2 }])
  })
})

describe('follow-up settings', () => {
  it('are set with the programme and changed with PATCH; out of range or unknown is refused naming the field', async () => {
    const s = await setupProgramme()
    expect(s.programme).toMatchObject({ followUpDays: null, followUpSurvey: 'outcome-followup' })
    const patch = (json: Json) => call('PATCH', `/api/v1/programmes/${s.programme.id}`, { key: s.procurerKey, json })
    expect((await patch({ followUpDays: 92 })).data).toMatchObject({ followUpDays: 92, caseMix: false })
    for (const followUpDays of [0, 731, 1.5, '92']) {
      const bad = await patch({ followUpDays })
      expect(bad.status).toBe(422)
      expect(bad.data.error.issues[0].path).toBe('followUpDays')
    }
    for (const followUpSurvey of ['nope', 'cx-company']) {
      const bad = await patch({ followUpSurvey })
      expect(bad.status).toBe(422)
      expect(bad.data.error.issues[0].path).toBe('followUpSurvey')
    }
    expect((await patch({ followUpDays: null })).data).toMatchObject({ followUpDays: null })
    expect((await patch({ caseMix: true })).data).toMatchObject({ followUpDays: null, caseMix: true })
    const created = await call('POST', '/api/v1/programmes', {
      key: s.procurerKey,
      json: {
        name: 'x',
        region: 'y',
        surveys: { company: 'cx-company', jobseeker: 'cx-jobseeker' },
        followUpDays: 800,
      },
    })
    expect(created.status).toBe(422)
    expect(created.data.error.issues[0].path).toBe('followUpDays')
  })
})
