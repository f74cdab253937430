// The fee ledger (issue 12): every euro is paid once, whatever runs overlap, in whatever order they are
// finalised, and whatever arrives late (outcomes, answers, a lower rule amount).
import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ADMIN, call, companyAnswers, type Json, unique } from './helpers.ts'

const answersAt = (p: number) => companyAnswers([p, p, p, p, p])

const BASE = { type: 'base', perClient: 1000 }
const RESULT = { type: 'result', outcome: 'recruitment', perClient: 500 }
// providerMean: a late answer moves every non-respondent's amount, up or down (credits).
const QUALITY = {
  type: 'quality',
  basis: 'client',
  perClientMax: 400,
  scoring: { mode: 'linear' },
  nonResponse: 'providerMean',
}

type Setup = { pid: string; procurer: string; providers: string[]; keys: string[] }

async function programme(rule: unknown, providers = 1): Promise<Setup> {
  const pid = (
    await call('POST', '/api/v1/programmes', {
      key: ADMIN,
      json: {
        name: unique('Ledger'),
        region: 'Lappi',
        surveys: { company: 'cx-company', jobseeker: 'cx-jobseeker' },
        feeRule: rule,
      },
    })
  ).data.id
  const procurer = (await call('POST', '/api/v1/keys', { key: ADMIN, json: { role: 'procurer', programmeId: pid } }))
    .data.key
  const ids: string[] = []
  const keys: string[] = []
  for (let i = 0; i < providers; i++) {
    const id = (
      await call('POST', `/api/v1/programmes/${pid}/providers`, { key: procurer, json: { name: unique('Provider') } })
    ).data.id
    ids.push(id)
    keys.push(
      (await call('POST', '/api/v1/keys', { key: procurer, json: { role: 'provider', providerId: id } })).data.key,
    )
  }
  return { pid, procurer, providers: ids, keys }
}

type Client = { ref: string; episodeId: string; token: string }

async function clients(s: Setup, list: Array<{ ref: string; endedOn: string; provider?: number }>): Promise<Client[]> {
  const episodes = list.map((c) => ({
    providerId: s.providers[c.provider ?? 0],
    customerType: 'company',
    externalRef: c.ref,
    startedOn: '2026-09-01',
    endedOn: c.endedOn,
  }))
  const res = await call('POST', `/api/v1/programmes/${s.pid}/episodes`, { key: s.procurer, json: { episodes } })
  expect(res.status, JSON.stringify(res.data)).toBe(201)
  return res.data.episodes.map((e: Json, k: number) => ({
    ref: list[k].ref,
    episodeId: e.id,
    token: e.invitation.token,
  }))
}

const run = async (s: Setup, from: string, to: string) => {
  const res = await call('POST', `/api/v1/programmes/${s.pid}/fee-runs`, { key: s.procurer, json: { from, to } })
  expect(res.status, JSON.stringify(res.data)).toBe(201)
  return res.data
}
const finalise = (s: Setup, id: string) => call('POST', `/api/v1/fee-runs/${id}/finalise`, { key: s.procurer })
const linesOf = async (s: Setup, id: string) =>
  (await call('GET', `/api/v1/fee-runs/${id}?lines=true`, { key: s.procurer })).data.providers.flatMap(
    (p: Json) => p.lines,
  )

/** Paid per (episode, component key) over the whole ledger, straight from D1. */
async function paidByClient(pid: string): Promise<Map<string, number>> {
  const { results } = await env.DB.prepare(
    `SELECT episode_id AS e, component_key AS k, SUM(payable_cents) AS paid FROM fee_ledger
     WHERE programme_id = ?1 AND episode_id IS NOT NULL GROUP BY episode_id, component_key`,
  )
    .bind(pid)
    .all<{ e: string; k: string; paid: number }>()
  return new Map(results.map((r) => [`${r.e}|${r.k}`, r.paid]))
}

const cents = (amount: string) => Math.round(Number(amount) * 100)

describe('fee ledger', () => {
  it("pays the issue's client once: October, October again, then 15 October - 30 November", async () => {
    const s = await programme({ currency: 'EUR', components: [BASE, RESULT] })
    const [a, , c] = await clients(s, [
      { ref: 'RT-A-020a', endedOn: '2026-10-20' },
      { ref: 'RT-A-005', endedOn: '2026-10-05' },
      { ref: 'RT-A-111', endedOn: '2026-11-11' },
    ])
    const oct1 = await run(s, '2026-10-01', '2026-10-31')
    expect(oct1).toMatchObject({ owed: '2000.00', paidBefore: '0.00', total: '2000.00' })
    expect((await finalise(s, oct1.id)).status).toBe(200)
    // A result recorded after October was finalised (it happened on 28 October): the second October run
    // pays it and only it (a result is earned in the run covering its outcome's date).
    await call('POST', `/api/v1/episodes/${a.episodeId}/outcomes`, {
      key: s.procurer,
      json: { type: 'recruitment', occurredOn: '2026-10-28' },
    })
    const oct2 = await run(s, '2026-10-01', '2026-10-31')
    expect(oct2).toMatchObject({ owed: '2500.00', paidBefore: '2000.00', total: '500.00' })
    const line = (await linesOf(s, oct2.id)).find((l: Json) => l.externalRef === 'RT-A-020a' && l.type === 'base')
    expect(line).toMatchObject({ componentKey: '0', amount: '1000.00', paidBefore: '1000.00', payable: '0.00' })
    expect((await finalise(s, oct2.id)).status).toBe(200)
    const late = await run(s, '2026-10-15', '2026-11-30')
    // RT-A-020a owes 1500 and was paid 1500; RT-A-111 is new: 1000
    expect(late).toMatchObject({ owed: '2500.00', paidBefore: '1500.00', total: '1000.00' })
    expect((await finalise(s, late.id)).status).toBe(200)
    const paid = await paidByClient(s.pid)
    expect(paid.get(`${a.episodeId}|0`)).toBe(100_000)
    expect(paid.get(`${a.episodeId}|1`)).toBe(50_000)
    expect(paid.get(`${c.episodeId}|0`)).toBe(100_000)
    // The three runs are final and each still shows what it paid.
    const runs = (await call('GET', `/api/v1/programmes/${s.pid}/fee-runs`, { key: s.procurer })).data.runs
    expect(runs.filter((r: Json) => r.status === 'final').map((r: Json) => r.total)).toEqual([
      '1000.00',
      '500.00',
      '2000.00',
    ])
  })

  it('refuses a draft computed before another finalisation as stale, and pays the recomputed one once', async () => {
    const s = await programme({ currency: 'EUR', components: [BASE] })
    await clients(s, [{ ref: 'x1', endedOn: '2026-10-20' }])
    const oct = await run(s, '2026-10-01', '2026-10-31')
    const wide = await run(s, '2026-10-15', '2026-11-30')
    expect(wide.total).toBe('1000.00')
    expect((await finalise(s, oct.id)).status).toBe(200)
    const stale = await finalise(s, wide.id)
    expect(stale.status).toBe(409)
    expect(stale.data.error.message).toMatch(/^Stale draft/)
    expect((await call('GET', `/api/v1/fee-runs/${wide.id}`, { key: s.procurer })).data.status).toBe('draft')
    const again = await run(s, '2026-10-15', '2026-11-30')
    expect(again).toMatchObject({ owed: '1000.00', paidBefore: '1000.00', total: '0.00' })
    expect((await finalise(s, again.id)).status).toBe(200)
  })

  it('lets exactly one of two concurrent finalisations pay', async () => {
    const s = await programme({ currency: 'EUR', components: [BASE] })
    const [x] = await clients(s, [{ ref: 'x1', endedOn: '2026-10-20' }])
    const oct = await run(s, '2026-10-01', '2026-10-31')
    const wide = await run(s, '2026-10-15', '2026-11-30')
    const results = await Promise.all([finalise(s, oct.id), finalise(s, wide.id)])
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    expect((await paidByClient(s.pid)).get(`${x.episodeId}|0`)).toBe(100_000)
    // The same run finalised twice at once: one 200, one 409, its lines in the ledger once.
    const next = await run(s, '2026-10-01', '2026-12-31')
    const twice = await Promise.all([finalise(s, next.id), finalise(s, next.id)])
    expect(twice.map((r) => r.status).sort()).toEqual([200, 409])
    const { results: rows } = await env.DB.prepare('SELECT COUNT(*) AS n FROM fee_ledger_versions WHERE run_id = ?1')
      .bind(next.id)
      .all<{ n: number }>()
    expect(rows[0].n).toBe(1)
    expect((await paidByClient(s.pid)).get(`${x.episodeId}|0`)).toBe(100_000)
  })

  it('pays a component once across rule versions by its key, and credits a lowered amount', async () => {
    const s = await programme({ currency: 'EUR', components: [{ ...BASE, key: 'guidance' }, RESULT] })
    const [x] = await clients(s, [{ ref: 'x1', endedOn: '2026-10-20' }])
    expect((await finalise(s, (await run(s, '2026-10-01', '2026-10-31')).id)).status).toBe(200)
    // v2: components reordered, the base fee lowered to 800 under the same key
    const v2 = { currency: 'EUR', components: [RESULT, { ...BASE, key: 'guidance', perClient: 800 }] }
    expect((await call('PUT', `/api/v1/programmes/${s.pid}/fee-rule`, { key: s.procurer, json: v2 })).status).toBe(201)
    const again = await run(s, '2026-10-01', '2026-10-31')
    expect(again).toMatchObject({ ruleVersion: 2, owed: '800.00', paidBefore: '1000.00', total: '-200.00' })
    const line = (await linesOf(s, again.id)).find((l: Json) => l.type === 'base')
    expect(line).toMatchObject({ component: 1, componentKey: 'guidance', payable: '-200.00' })
    expect((await finalise(s, again.id)).status).toBe(200)
    expect((await paidByClient(s.pid)).get(`${x.episodeId}|guidance`)).toBe(80_000)
    // a duplicate key is refused
    const dup = await call('PUT', `/api/v1/programmes/${s.pid}/fee-rule`, {
      key: s.procurer,
      json: { currency: 'EUR', components: [{ ...BASE, key: '1' }, RESULT] },
    })
    expect(dup.status).toBe(422)
    expect(dup.data.error.issues[0].path).toBe('components[1].key')
  })

  it('pays a provider-level component as a difference over the same period and refuses an overlapping one', async () => {
    const providerQuality = {
      type: 'quality',
      basis: 'provider',
      perClientMax: 100,
      scoring: { mode: 'linear' },
      key: 'q',
      // One answer is the whole point of the test: below the default minimum of 10 it would pay nothing.
      minResponses: 1,
    }
    const s = await programme({ currency: 'EUR', components: [BASE, providerQuality] })
    const [x] = await clients(s, [{ ref: 'x1', endedOn: '2026-10-20' }])
    await call('PUT', `/api/v1/respond/${x.token}`, { json: { answers: answersAt(4), complete: true } })
    const oct = await run(s, '2026-10-01', '2026-10-31')
    expect(oct.total).toBe('1100.00')
    expect((await finalise(s, oct.id)).status).toBe(200)
    const same = await run(s, '2026-10-01', '2026-10-31')
    expect(same).toMatchObject({ owed: '1100.00', total: '0.00' })
    expect((await finalise(s, same.id)).status).toBe(200)
    const wide = await run(s, '2026-10-15', '2026-11-30')
    const refused = await finalise(s, wide.id)
    expect(refused.status).toBe(409)
    expect(refused.data.error.message).toContain(`Final run ${oct.id}`)
    // a period that does not overlap is a payment of its own
    expect((await finalise(s, (await run(s, '2026-11-01', '2026-11-30')).id)).status).toBe(200)
  })
})

describe('fee ledger endpoints', () => {
  it('lists what was paid for whom, when, in which run and why; a provider key sees its own, quality summed', async () => {
    const quality = { ...QUALITY, nonResponse: 'zero' }
    const s = await programme({ currency: 'EUR', components: [BASE, quality] }, 2)
    const [a1] = await clients(s, [
      { ref: 'a1', endedOn: '2026-10-05' },
      { ref: 'a2', endedOn: '2026-10-06' },
      { ref: 'b1', endedOn: '2026-10-07', provider: 1 },
    ])
    await call('PUT', `/api/v1/respond/${a1.token}`, { json: { answers: answersAt(4), complete: true } })
    const oct = await run(s, '2026-10-01', '2026-10-31')
    expect((await finalise(s, oct.id)).status).toBe(200)
    const again = await run(s, '2026-10-01', '2026-10-31')
    expect((await finalise(s, again.id)).status).toBe(200)
    const all = await call('GET', `/api/v1/programmes/${s.pid}/ledger`, { key: s.procurer })
    expect(all.status).toBe(200)
    // 3 base lines and a1's quality line (400); the second run owed the same and paid 0: no entries
    expect(all.data.entries).toHaveLength(4)
    expect(all.data.entries.find((e: Json) => e.externalRef === 'a1' && e.type === 'quality')).toMatchObject({
      runId: oct.id,
      ledgerVersion: 1,
      episodeId: a1.episodeId,
      componentKey: '1',
      ruleVersion: 1,
      period: { from: '2026-10-01', to: '2026-10-31' },
      amount: '400.00',
      paidBefore: '0.00',
      payable: '400.00',
      reason: expect.stringContaining('quality index 100'),
    })
    const one = await call('GET', `/api/v1/programmes/${s.pid}/ledger?externalRef=a2`, { key: s.procurer })
    expect(one.data.entries.map((e: Json) => [e.externalRef, e.type, e.payable])).toEqual([['a2', 'base', '1000.00']])
    const own = await call('GET', `/api/v1/programmes/${s.pid}/ledger`, { key: s.keys[0] })
    expect(own.data.entries.every((e: Json) => e.providerId === s.providers[0])).toBe(true)
    expect(own.data.entries.filter((e: Json) => e.type === 'quality')).toEqual([
      expect.objectContaining({ runId: oct.id, externalRef: null, episodeId: null, payable: '400.00', lines: 1 }),
    ])
    const ownRef = await call('GET', `/api/v1/programmes/${s.pid}/ledger?externalRef=a1`, { key: s.keys[0] })
    expect(ownRef.data.entries.map((e: Json) => e.type)).toEqual(['base'])
    const other = `/api/v1/programmes/${s.pid}/ledger?providerId=${s.providers[1]}`
    expect((await call('GET', other, { key: s.keys[0] })).status).toBe(403)
    const csv = await call('GET', `/api/v1/programmes/${s.pid}/ledger.csv`, { key: s.procurer })
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const rows = (csv.data as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(rows[0]).toBe(
      'runId,ledgerVersion,finalisedAt,providerId,externalRef,component,componentKey,type,ruleVersion,from,to,amount,paidBefore,payable,currency,reason,lines',
    )
    expect(rows).toHaveLength(5)
    const ownCsv = (await call('GET', `/api/v1/programmes/${s.pid}/ledger.csv`, { key: s.keys[0] })).data as string
    expect(ownCsv).not.toContain(',a1,1,1,quality')
    expect(ownCsv).not.toContain(s.providers[1])
  })
})

// ---- the property: random runs over overlapping periods, late outcomes, late answers, lower rules ----

const FROMS = ['2026-10-01', '2026-10-15', '2026-11-01', '2026-11-15']
const TOS = ['2026-10-14', '2026-10-31', '2026-11-14', '2026-11-30']
const ENDS = ['2026-10-05', '2026-10-20', '2026-10-31', '2026-11-10', '2026-11-20', '2026-11-30']

type Action =
  | { kind: 'run'; from: number; to: number; finalise: boolean }
  | { kind: 'outcome'; client: number }
  | { kind: 'answer'; client: number; position: number }
  | { kind: 'rule'; base: number; reorder: boolean }

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('run' as const), from: fc.nat(3), to: fc.nat(3), finalise: fc.boolean() }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('outcome' as const), client: fc.nat(ENDS.length - 1) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('answer' as const),
      client: fc.nat(ENDS.length - 1),
      position: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('rule' as const),
      base: fc.constantFrom(600, 800, 1000),
      reorder: fc.boolean(),
    }),
  },
)

const keyedRule = (base: number, reorder: boolean) => {
  const components = [
    { ...BASE, perClient: base, key: 'base' },
    { ...RESULT, key: 'result' },
    { ...QUALITY, key: 'quality' },
  ]
  return { currency: 'EUR', components: reorder ? components.reverse() : components }
}

describe('fee ledger property', () => {
  it('never pays a client and component more than the latest final computation owes, and pays it exactly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 8 }), async (actions) => {
        const s = await programme(keyedRule(1000, false), 2)
        const cs = await clients(
          s,
          ENDS.map((endedOn, i) => ({ ref: `c${i}`, endedOn, provider: i % 2 })),
        )
        const hasOutcome = new Set<number>()
        const answered = new Set<number>()
        // (episode|key) -> amount owed by the latest final run that had the line
        const owed = new Map<string, number>()
        const lastFinal = async (id: string) => {
          for (const l of await linesOf(s, id)) owed.set(`${l.episodeId}|${l.componentKey}`, cents(l.amount))
        }
        const check = async () => {
          const paid = await paidByClient(s.pid)
          for (const [key, amount] of owed) expect(paid.get(key) ?? 0, key).toBe(amount)
          for (const key of paid.keys()) expect(owed.has(key), key).toBe(true)
        }
        // Drafts are computed before other runs are finalised too, so stale drafts are exercised.
        const drafts: string[] = []
        for (const a of actions) {
          if (a.kind === 'run') {
            const [from, to] = [FROMS[Math.min(a.from, a.to)], TOS[Math.max(a.from, a.to)]]
            const draft = await run(s, from, to)
            drafts.push(draft.id)
            if (!a.finalise) continue
            // finalise the oldest open draft first: it is stale when anything was finalised since
            for (const id of drafts.splice(0)) {
              const res = await finalise(s, id)
              if (res.status === 200) await lastFinal(id)
              else expect(res.data.error.message, id).toMatch(/^Stale draft|^The run is superseded/)
            }
          } else if (a.kind === 'outcome' && !hasOutcome.has(a.client)) {
            hasOutcome.add(a.client)
            const res = await call('POST', `/api/v1/episodes/${cs[a.client].episodeId}/outcomes`, {
              key: s.procurer,
              json: { type: 'recruitment', occurredOn: '2026-12-01' },
            })
            expect(res.status).toBe(201)
          } else if (a.kind === 'answer' && !answered.has(a.client)) {
            answered.add(a.client)
            await call('PUT', `/api/v1/respond/${cs[a.client].token}`, {
              json: { answers: answersAt(a.position), complete: true },
            })
          } else if (a.kind === 'rule') {
            const res = await call('PUT', `/api/v1/programmes/${s.pid}/fee-rule`, {
              key: s.procurer,
              json: keyedRule(a.base, a.reorder),
            })
            expect(res.status).toBe(201)
          }
          await check()
        }
        // Nothing owed is lost: one last run over every period pays what is owed now, exactly.
        const all = await run(s, FROMS[0], TOS[TOS.length - 1])
        expect((await finalise(s, all.id)).status).toBe(200)
        await lastFinal(all.id)
        await check()
        const again = await run(s, FROMS[0], TOS[TOS.length - 1])
        expect(again).toMatchObject({ paidBefore: again.owed, total: '0.00' })
      }),
      { numRuns: 25 },
    )
  }, 240_000)
})
