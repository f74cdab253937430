// What provider keys and the public can learn: the attacks of issue 11 ("Chain of custody"), each shown failing,
// and a property test that every figure they can read rests on whole chunks of minGroup released answers.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { call } from './helpers.ts'
import { addClient, type Client, complete, decline, programmeWith } from './seed-scores.ts'

const scores = (pid: string, query: string, key?: string) =>
  key
    ? call('GET', `/api/v1/programmes/${pid}/scores?${query}`, { key })
    : call('GET', `/api/v1/public/programmes/${pid}/ratings?${query}`)

describe('the two-period difference attack', () => {
  it('is a 400 naming period for provider keys and the public; the procurer keeps from/to', async () => {
    const s = await programmeWith(1, 3)
    const [early, late] = ['from=2026-03-01&to=2026-03-30', 'from=2026-03-01&to=2026-03-31']
    for (const path of ['scores', 'diagnostics', 'comments']) {
      for (const q of [early, late, 'from=2026-03-01', 'to=2026-03-31', 'period=2026-03&from=2026-03-01']) {
        const res = await call('GET', `/api/v1/programmes/${s.pid}/${path}?${q}`, { key: s.keys[0] })
        expect(res.status, `${path}?${q}`).toBe(400)
        expect(res.data.error.issues.map((i: { path: string }) => i.path)).toEqual(['period'])
      }
      expect((await call('GET', `/api/v1/programmes/${s.pid}/${path}?${late}`, { key: s.procurer })).status).toBe(200)
      const periods = ['period=2026-03', 'period=2026-Q1', 'period=2026', '']
      for (const q of periods)
        expect((await call('GET', `/api/v1/programmes/${s.pid}/${path}?${q}`, { key: s.keys[0] })).status).toBe(200)
    }
    expect((await scores(s.pid, early)).status).toBe(400)
    expect((await scores(s.pid, early)).data.error.issues[0].path).toBe('period')
    expect((await call('GET', `/ratings/${s.pid}?${early}`)).status).toBe(400)
    for (const bad of ['2026-13', '2026-Q5', '26', '2026-03-01', '2026-W10'])
      expect((await scores(s.pid, `period=${bad}`, s.keys[0])).status, bad).toBe(400)
    // a procurer may use period too
    const month = await scores(s.pid, 'period=2026-02', s.procurer)
    expect(month.data.period).toEqual({ from: '2026-02-01', to: '2026-02-28' })
    expect((await scores(s.pid, 'period=2024-Q1', s.procurer)).data.period).toEqual({
      from: '2024-01-01',
      to: '2024-03-31',
    })
  })

  it('cannot isolate a late answer: a month already shown does not change until minGroup more arrive', async () => {
    const s = await programmeWith(3, 3, 3)
    const [a] = s.ids
    const clients: Client[] = []
    for (let k = 0; k < 9; k++) clients.push(await addClient(s.pid, a, 'company', '2026-03-15'))
    // three answers in March: one chunk, released
    for (let k = 0; k < 3; k++) await complete(clients[k], `2026-03-2${k}T10:00:00.000Z`, 60 + 10 * k, false)
    const shown = await scores(s.pid, 'period=2026-03', s.keys[0])
    const pub = await scores(s.pid, 'period=2026-03')
    expect(shown.data.providers[0]).toMatchObject({ responses: 3 })
    expect(shown.data.providers[0].qualityIndex.mean).toBeCloseTo(70, 9)
    // the procurer learns the late client's answer; nobody else sees March move
    await complete(clients[3], '2026-05-02T10:00:00.000Z', 0, false)
    expect((await scores(s.pid, 'period=2026-03', s.procurer)).data.providers[0].responses).toBe(4)
    for (const q of ['period=2026-03', 'period=2026-Q1', 'period=2026']) {
      const again = await scores(s.pid, q, s.keys[0])
      expect(again.data.providers[0]).toEqual(shown.data.providers[0])
      expect((await scores(s.pid, q)).data.providers).toEqual(pub.data.providers)
    }
    // two more: a second chunk of three is released together
    await complete(clients[4], '2026-05-03T10:00:00.000Z', 100, true)
    await complete(clients[5], '2026-05-04T10:00:00.000Z', 50, false)
    const after = await scores(s.pid, 'period=2026-03', s.keys[0])
    expect(after.data.providers[0].responses).toBe(6)
    expect(after.data.providers[0].qualityIndex.mean).toBeCloseTo((60 + 70 + 80 + 0 + 100 + 50) / 6, 9)
  })

  it('cannot subtract a small month from its quarter: the quarter holds only released months', async () => {
    const s = await programmeWith(3, 3, 3)
    const [a] = s.ids
    const month = async (endedOn: string, indices: number[]) => {
      for (const [k, index] of indices.entries()) {
        const c = await addClient(s.pid, a, 'company', endedOn)
        await complete(c, `${endedOn}T1${k}:00:00.000Z`, index, false)
      }
    }
    await month('2026-01-10', [40, 50, 60])
    await month('2026-02-10', [0]) // one answer: February releases nothing
    await month('2026-03-10', [70, 80, 90])
    const read = async (q: string) => (await scores(s.pid, q, s.keys[0])).data.providers[0]
    const [jan, feb, mar, q1] = await Promise.all(
      ['period=2026-01', 'period=2026-02', 'period=2026-03', 'period=2026-Q1'].map(read),
    )
    expect([jan.responses, feb.responses, mar.responses, q1.responses]).toEqual([3, 0, 3, 6])
    // Q1 minus January minus March is exactly nothing: February's answer is in no figure
    expect(q1.qualityIndex.mean * q1.responses - jan.qualityIndex.mean * 3 - mar.qualityIndex.mean * 3).toBeCloseTo(
      0,
      9,
    )
    // nor by customer type (the bucket includes it) nor by response rate
    const companies = (await scores(s.pid, 'period=2026-Q1&customerType=company', s.keys[0])).data.providers[0]
    expect(companies.responses).toBe(6)
    expect(q1.responseRate).toBeCloseTo(6 / 7, 12)
    // the diagnostics months say the same: February has one invitation and no released completion
    const diag = await call('GET', `/api/v1/programmes/${s.pid}/diagnostics?period=2026-Q1`, { key: s.keys[0] })
    expect(diag.data.months).toEqual([
      { month: '2026-01', invited: 3, completed: 3, declined: 0 },
      { month: '2026-02', invited: 1, completed: 0, declined: 0 },
      { month: '2026-03', invited: 3, completed: 3, declined: 0 },
    ])
    expect(diag.data.providers[0].outcomes.I).toBe(6)
  })

  it('releases declines in chunks too, and comments only from months with minGroup commenters', async () => {
    const s = await programmeWith(1, 3, 3)
    const [a] = s.ids
    const declined: Client[] = []
    for (let k = 0; k < 4; k++) declined.push(await addClient(s.pid, a, 'jobseeker', '2026-04-05'))
    await decline(declined[0], '2026-04-20T10:00:00.000Z')
    const one = await call('GET', `/api/v1/programmes/${s.pid}/diagnostics?period=2026-04`, { key: s.keys[0] })
    expect(one.data.providers[0].outcomes.R).toBe(0)
    for (const c of declined.slice(1)) await decline(c, '2026-04-21T10:00:00.000Z')
    const four = await call('GET', `/api/v1/programmes/${s.pid}/diagnostics?period=2026-04`, { key: s.keys[0] })
    expect(four.data.providers[0].outcomes.R).toBe(3)
    expect(four.data.months).toEqual([{ month: '2026-04', invited: 4, completed: 0, declined: 3 }])

    // May: six answers, three with comments; June: three answers, two with comments
    const say = async (endedOn: string, comments: Array<string | undefined>) => {
      for (const [k, text] of comments.entries()) {
        const c = await addClient(s.pid, a, 'company', endedOn)
        await complete(c, `${endedOn}T1${k}:00:00.000Z`, 50, false, text)
      }
    }
    await say('2026-05-10', ['May one', undefined, 'May two', undefined, 'May three', undefined])
    await say('2026-06-10', ['June one', 'June two', undefined])
    const q2 = await call('GET', `/api/v1/programmes/${s.pid}/comments?period=2026-Q2`, { key: s.keys[0] })
    const texts = q2.data.providers[0].comments.map((c: { text: string }) => c.text)
    expect(texts.sort()).toEqual(['May one', 'May three', 'May two'])
    expect(JSON.stringify(q2.data.providers)).not.toMatch(/2026-0[56]|June/)
    for (const c of q2.data.providers[0].comments) expect(Object.keys(c).sort()).toEqual(['question', 'text'])
    const june = await call('GET', `/api/v1/programmes/${s.pid}/comments?period=2026-06`, { key: s.keys[0] })
    expect(june.data.providers[0]).toMatchObject({ responses: 3, comments: [], suppressed: true })
    // the procurer reads every comment
    const all = await call('GET', `/api/v1/programmes/${s.pid}/comments?period=2026-Q2`, { key: s.procurer })
    expect(all.data.providers[0].comments).toHaveLength(5)
  })
})

// ---- Property: every figure is a sum over released chunks of exactly minGroup answers ----------------------

type Answer = { client: Client; at: string; index: number | null; top: boolean }

const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']
const PERIODS = [...MONTHS, '2026-Q1', '2026-Q2', '2026']
const monthsOf = (period: string): string[] =>
  period === '2026'
    ? MONTHS
    : period.includes('Q')
      ? MONTHS.slice(3 * (Number(period.at(-1)) - 1), 3 * Number(period.at(-1)))
      : [period]

/** The release rule, written again here from its definition, independently of the SQL. */
function released(answers: Answer[], minGroup: number): Set<string> {
  const buckets = new Map<string, Answer[]>()
  for (const a of answers) {
    const key = `${a.client.provider}|${a.client.endedOn.slice(0, 7)}|${a.client.customerType}`
    buckets.set(key, [...(buckets.get(key) ?? []), a])
  }
  const out = new Set<string>()
  for (const list of buckets.values()) {
    list.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : x.client.id < y.client.id ? -1 : 1))
    const chunks = Math.floor(list.length / minGroup)
    for (const a of list.slice(0, chunks * minGroup)) out.add(a.client.id)
  }
  return out
}

type Figure = { completed: number; n: number; sum: number; top: number; ids: string[]; shown?: unknown[] }

/** What a figure must be: a recomputation over the released answers in its period, provider and type. */
function expected(
  answers: Answer[],
  ok: Set<string>,
  provider: string | null,
  period: string,
  type: string | null,
): Figure {
  const months = monthsOf(period)
  const rows = answers.filter(
    (a) =>
      ok.has(a.client.id) &&
      (provider === null || a.client.provider === provider) &&
      months.includes(a.client.endedOn.slice(0, 7)) &&
      (type === null || a.client.customerType === type),
  )
  const scored = rows.filter((a) => a.index !== null)
  return {
    completed: rows.length,
    n: scored.length,
    sum: scored.reduce((t, a) => t + a.index!, 0),
    top: scored.filter((a) => a.top).length,
    ids: rows.map((a) => a.client.id),
  }
}

const answerArb = fc.record({
  provider: fc.nat({ max: 2 }),
  month: fc.nat({ max: MONTHS.length - 1 }),
  company: fc.boolean(),
  answered: fc.boolean(),
  day: fc.integer({ min: 0, max: 120 }),
  index: fc.option(fc.integer({ min: 0, max: 15 }), { nil: null, freq: 8 }),
  top: fc.boolean(),
})

describe('release rule (property)', () => {
  it('makes every provider and public figure a recomputation over whole released chunks, before and after late answers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(3, 4),
        fc.array(answerArb, { minLength: 8, maxLength: 45 }),
        fc.array(answerArb, { minLength: 1, maxLength: 12 }),
        async (minGroup, first, late) => {
          const s = await programmeWith(3, minGroup, minGroup)
          const answers: Answer[] = []
          const open: Client[] = []
          const invited = new Map<string, number>()
          const seed = async (rows: typeof first, lateBy: number) => {
            for (const r of rows) {
              const endedOn = `${MONTHS[r.month]}-1${r.month % 9}`
              const client = await addClient(s.pid, s.ids[r.provider], r.company ? 'company' : 'jobseeker', endedOn)
              const key = `${client.provider}|${MONTHS[r.month]}`
              invited.set(key, (invited.get(key) ?? 0) + 1)
              if (!r.answered) {
                open.push(client)
                continue
              }
              const at = new Date(Date.parse(`${endedOn}T08:00:00.000Z`) + (r.day + lateBy) * 3_600_000).toISOString()
              const index = r.index === null ? null : (r.index * 100) / 15
              await complete(client, at, index, r.top)
              answers.push({ client, at, index, top: r.top })
            }
          }
          await seed(first, 0)

          const snapshot = async () => {
            const ok = released(answers, minGroup)
            const seen = new Map<string, Figure>()
            for (const period of PERIODS) {
              for (const type of [null, 'company', 'jobseeker'] as const) {
                const q = `period=${period}${type ? `&customerType=${type}` : ''}`
                const views = [
                  ...s.keys.map(async (key, k) => ({ who: `p${k}`, data: (await scores(s.pid, q, key)).data })),
                  (async () => ({ who: 'public', data: (await scores(s.pid, q)).data }))(),
                ]
                for (const { who, data } of await Promise.all(views)) {
                  for (const row of data.providers) {
                    const want = expected(answers, ok, row.providerId, period, type)
                    const label = `${who} ${q} ${row.providerId}`
                    // counts of responses and the rate's numerator: released answers only
                    expect(row.responses, label).toBe(want.n)
                    expect(Math.round((row.responseRate ?? 0) * row.invited), label).toBe(want.completed)
                    if (row.qualityIndex.mean !== null) {
                      expect(row.qualityIndex.mean, label).toBeCloseTo(want.sum / want.n, 9)
                      expect(row.topBox.share, label).toBeCloseTo(want.top / want.n, 9)
                    }
                    if (row.stars !== null) expect(want.n).toBeGreaterThanOrEqual(minGroup)
                    // the responses behind the figure are a union of whole chunks: per bucket a multiple of minGroup
                    for (const month of monthsOf(period))
                      for (const t of type ? [type] : ['company', 'jobseeker']) {
                        const inBucket = expected(answers, ok, row.providerId, month, t).completed
                        expect(inBucket % minGroup, `${label} ${month} ${t}`).toBe(0)
                      }
                    seen.set(label, {
                      ...want,
                      ids: want.ids.sort(),
                      shown: [row.responses, row.qualityIndex.mean, row.qualityIndex.sd, row.topBox.share],
                    })
                  }
                  // the programme row, when shown, is the same recomputation over every provider
                  const all = expected(answers, ok, null, period, type)
                  expect(data.programme.responses).toBe(all.n)
                  if (data.programme.qualityIndex.mean !== null)
                    expect(data.programme.qualityIndex.mean).toBeCloseTo(all.sum / all.n, 9)
                }
              }
            }
            // diagnostics for a provider key: released completions per month, and item counts over them
            for (const [k, key] of s.keys.entries()) {
              const d = (await call('GET', `/api/v1/programmes/${s.pid}/diagnostics?period=2026`, { key })).data
              for (const m of d.months) {
                expect(m.completed).toBe(expected(answers, ok, s.ids[k], m.month, null).completed)
                expect(m.invited).toBe(invited.get(`${s.ids[k]}|${m.month}`))
              }
              const completedInStats = d.providers[0].itemStatistics.reduce(
                (t: number, v: { completed: number }) => t + v.completed,
                0,
              )
              expect(completedInStats).toBe(expected(answers, ok, s.ids[k], '2026', null).completed)
            }
            return seen
          }

          const before = await snapshot()
          // late answers: some open invitations are answered weeks later, and new clients arrive
          for (const client of open.splice(0, Math.ceil(open.length / 2))) {
            const at = new Date(Date.parse(`${client.endedOn}T08:00:00.000Z`) + 90 * 86_400_000).toISOString()
            await complete(client, at, 40, false)
            answers.push({ client, at, index: 40, top: false })
          }
          await seed(late, 24 * 60)
          const after = await snapshot()
          for (const [label, was] of before) {
            const now = after.get(label)!
            // a figure changes only by whole chunks; when no chunk was added it does not change at all
            expect((now.completed - was.completed) % minGroup, label).toBe(0)
            expect(now.ids.filter((id) => was.ids.includes(id))).toEqual(was.ids)
            if (now.completed === was.completed) expect(now, label).toEqual(was)
          }
        },
      ),
      { numRuns: 8 },
    )
  }, 240_000)
})
