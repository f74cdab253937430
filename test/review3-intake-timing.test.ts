// Review of issue 15's intake wave: an intake is asked at the start of a service, so no intake invitation goes to
// an episode whose service has already ended, and a client's change pairs an intake answer only with a later exit
// answer (scores and the "index": "change" fee read the one condition, src/db/change-pairs.ts).
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { ADMIN, call, companyAnswers, type Json, type ProviderStatement, unique } from './helpers.ts'

const DAY = 86_400_000
const today = new Date().toISOString().slice(0, 10)
const daysAgo = (n: number) => new Date(Date.parse(today) - n * DAY).toISOString().slice(0, 10)
const FROM = daysAgo(60)

const CHANGE_FEE = {
  currency: 'EUR',
  components: [
    {
      key: 'value-added',
      type: 'quality',
      basis: 'provider',
      perClientMax: 100,
      scoring: { mode: 'linear' },
      index: 'change',
      minResponses: 1,
      nonResponse: 'respondentMean',
    },
  ],
}

async function programme() {
  const made = (
    await call('POST', '/api/v1/programmes', {
      key: ADMIN,
      json: {
        name: unique('Timing'),
        region: 'Lappi',
        surveys: { company: 'cx-company', jobseeker: 'cx-jobseeker' },
        publication: { minResponses: 1, cautionBelow: 1, minGroup: 3 },
        intakeWindowDays: 30,
        feeRule: CHANGE_FEE,
      },
    })
  ).data
  expect(made.id, JSON.stringify(made)).toEqual(expect.any(String))
  const procurer = (
    await call('POST', '/api/v1/keys', { key: ADMIN, json: { role: 'procurer', programmeId: made.id } })
  ).data.key
  const provider = (await call('POST', `/api/v1/programmes/${made.id}/providers`, { key: ADMIN, json: { name: 'P' } }))
    .data.id as string
  const import_ = async (episodes: Array<{ startedOn: string; endedOn: string; contact?: { email: string } }>) => {
    const res = await call('POST', `/api/v1/programmes/${made.id}/episodes`, {
      key: procurer,
      json: {
        episodes: episodes.map((e) => ({
          ...e,
          providerId: provider,
          customerType: 'company',
          externalRef: unique('T'),
        })),
      },
    })
    expect(res.status, JSON.stringify(res.data)).toBe(201)
    return res.data.episodes as Json[]
  }
  return { pid: made.id as string, procurer, provider, import_ }
}

const answer = async (token: string, positions: number[]) => {
  const res = await call('PUT', `/api/v1/respond/${token}`, {
    json: { answers: companyAnswers(positions), complete: true },
  })
  expect(res.status, JSON.stringify(res.data)).toBe(200)
}

describe('intake timing', () => {
  it('invites no intake once the service has ended before the day of confirmation', async () => {
    const { import_ } = await programme()
    const [ended, endingToday, ongoing] = await import_([
      { startedOn: daysAgo(5), endedOn: daysAgo(1) },
      { startedOn: daysAgo(5), endedOn: today },
      { startedOn: daysAgo(5), endedOn: daysAgo(-20) },
    ])
    expect(ended.intakeInvitation).toBeNull()
    expect(ended.invitation.token).toEqual(expect.any(String))
    expect(endingToday.intakeInvitation).not.toBeNull()
    expect(ongoing.intakeInvitation).not.toBeNull()
  })

  it('sends the intake now and the exit survey of a service still going on from its end day', async () => {
    const { import_ } = await programme()
    const [ongoing] = await import_([
      { startedOn: daysAgo(2), endedOn: daysAgo(-20), contact: { email: 'alku@example.fi' } },
    ])
    const rows = await env.DB.prepare(
      `SELECT i.wave, i.issued_at AS issuedAt, i.expires_at AS expiresAt, o.kind, o.send_after AS sendAfter
       FROM invitations i JOIN outbox o ON o.invitation_id = i.id WHERE i.episode_id = ?1 ORDER BY o.send_after`,
    )
      .bind(ongoing.id)
      .all<{ wave: string; issuedAt: string; expiresAt: string; kind: string; sendAfter: string }>()
    const first = (wave: string) => rows.results.find((r) => r.wave === wave && r.kind === 'invitation')!
    expect(first('intake').sendAfter.slice(0, 10)).toBe(today)
    expect(first('exit').sendAfter).toBe(`${daysAgo(-20)}T00:00:00.000Z`)
    expect(first('exit').issuedAt).toBe(`${daysAgo(-20)}T00:00:00.000Z`)
    // the exit link lives its invitationDays (30 by default) from the end day, not from the start
    expect(first('exit').expiresAt.slice(0, 10)).toBe(daysAgo(-50))
  })

  it('pairs an intake answer only with a later exit answer, in the scores and in a change fee run', async () => {
    const { pid, procurer, provider, import_ } = await programme()
    const [late, inOrder] = await import_([
      { startedOn: daysAgo(10), endedOn: today },
      { startedOn: daysAgo(10), endedOn: today },
    ])
    // the first client answers the exit survey, and only then the intake one: +33.33 if it were paired
    await answer(late.invitation.token, [2, 2, 2, 2, 2])
    await answer(late.intakeInvitation.token, [1, 1, 1, 1, 1])
    // the second in order: intake 1s, exit 4s, a change of +100
    await answer(inOrder.intakeInvitation.token, [1, 1, 1, 1, 1])
    await answer(inOrder.invitation.token, [4, 4, 4, 4, 4])

    const scores = await call('GET', `/api/v1/programmes/${pid}/scores?from=${FROM}&to=${today}`, { key: procurer })
    expect(scores.status).toBe(200)
    const row = (scores.data.providers as Json[]).find((p) => p.providerId === provider)!
    expect(row.change).toMatchObject({ n: 1, mean: 100 })
    expect(row.responses).toBe(2)

    const run = await call('POST', `/api/v1/programmes/${pid}/fee-runs`, {
      key: procurer,
      json: { from: FROM, to: today },
    })
    expect(run.status, JSON.stringify(run.data)).toBe(201)
    const statement = (run.data.providers as ProviderStatement[]).find((p) => p.providerId === provider)!
    // respondentMean: the one paired client's +100 -> factor 1 x 2 clients x 100.00 (both paired: +66.67, 133.33)
    expect(statement.components[0].amount).toBe('200.00')
    expect(statement.components[0].explanation).toContain('mean change +100.0 points')
  })
})
