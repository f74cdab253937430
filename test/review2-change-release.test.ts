// Review of issue 15's change figure under the release rule: a provider key must not be able to learn one
// client's change from intake to exit. Released exit answers come in whole groups of minGroup, but the clients
// with both waves among them do not, unless the pairs are released in groups too: with 3 pairs shown first and
// 4 later, 4 x mean(4) - 3 x mean(3) is the fourth client's own change, and the count says who answered intake.
import { describe, expect, it } from 'vitest'
import { ADMIN, call, companyAnswers, type Json, unique } from './helpers.ts'

const DAY = 86_400_000
const today = new Date().toISOString().slice(0, 10)
const daysAgo = (n: number) => new Date(Date.parse(today) - n * DAY).toISOString().slice(0, 10)
const month = `period=${today.slice(0, 7)}`

async function answer(token: string, positions: number[]) {
  const res = await call('PUT', `/api/v1/respond/${token}`, {
    json: { answers: companyAnswers(positions), complete: true },
  })
  expect(res.status, JSON.stringify(res.data)).toBe(200)
}

describe('the change figure for provider keys', () => {
  it('counts clients with both waves in whole groups of minGroup, so no difference isolates one client', async () => {
    const programme = (
      await call('POST', '/api/v1/programmes', {
        key: ADMIN,
        json: {
          name: unique('Review2Change'),
          region: 'Lappi',
          surveys: { company: 'cx-company', jobseeker: 'cx-jobseeker' },
          publication: { minResponses: 2, cautionBelow: 3, minGroup: 3 },
          intakeWindowDays: 30,
        },
      })
    ).data
    const pid = programme.id as string
    const procurer = (await call('POST', '/api/v1/keys', { key: ADMIN, json: { role: 'procurer', programmeId: pid } }))
      .data.key
    const providerId = (
      await call('POST', `/api/v1/programmes/${pid}/providers`, { key: ADMIN, json: { name: 'Provider P' } })
    ).data.id as string
    const key = (await call('POST', '/api/v1/keys', { key: ADMIN, json: { role: 'provider', providerId } })).data.key
    const episodes = Array.from({ length: 6 }, () => ({
      providerId,
      customerType: 'company',
      externalRef: unique('R2'),
      startedOn: daysAgo(10),
      endedOn: today, // still invited to the intake: it has not ended before today
    }))
    const imported = await call('POST', `/api/v1/programmes/${pid}/episodes`, { key: procurer, json: { episodes } })
    expect(imported.status, JSON.stringify(imported.data)).toBe(201)
    const rows = imported.data.episodes as Json[]
    const change = async () => {
      const res = await call('GET', `/api/v1/programmes/${pid}/scores?${month}`, { key })
      expect(res.status, JSON.stringify(res.data)).toBe(200)
      return res.data.providers[0].change as Json
    }

    // Three clients answer both waves (changes +33.33 each): three exit answers and three pairs, all shown.
    for (const k of [0, 1, 2]) {
      await answer(rows[k].intakeInvitation.token, [2, 2, 2, 2, 2])
      await answer(rows[k].invitation.token, [3, 3, 3, 3, 3])
    }
    const before = await change()
    expect(before.n).toBe(3)
    expect(before.mean).toBeCloseTo(100 / 3, 10)

    // A fourth client answers both waves (change -33.33), two more the exit only: six exit answers released.
    await answer(rows[3].intakeInvitation.token, [3, 3, 3, 3, 3])
    for (const k of [3, 4, 5]) await answer(rows[k].invitation.token, [2, 2, 2, 2, 2])
    const after = await change()
    // Four pairs shown would give 4 x mean - 3 x 33.33 = the fourth client's own change; the key gets three.
    expect(after.n % 3).toBe(0)
    expect(after.n).toBe(3)
    expect(after.mean).toBeCloseTo(before.mean, 10)

    // The procurer sees every pair.
    const all = await call('GET', `/api/v1/programmes/${pid}/scores?${month}`, { key: procurer })
    expect(all.data.providers[0].change.n).toBe(4)
  })
})
