import { beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, type CommentsRow, call, companyAnswers, type DiagnosticsRow, type Json, unique } from './helpers.ts'
import { addClient, complete, programmeWith } from './seed-scores.ts'

// Hand-computed fixture. cx-company has five scored items on four points, so an answer at position p
// scores (p-1)/3*100 and a response's index is 100*s/15, s the sum of (p-1) over the five items.
//   provider A: 100 (4,4,4,4,4), 80 (4,4,4,4,1), 60 (4,4,4,1,1), 60 (4,4,4,1,1), and one link never opened
//   provider B: 40 (4,4,1,1,1), 20 (4,1,1,1,1), and one partial (3 items answered, not completed)
//   provider C: one link opened and left, one declined
const A = [
  [4, 4, 4, 4, 4],
  [4, 4, 4, 4, 1],
  [4, 4, 4, 1, 1],
  [4, 4, 4, 1, 1],
]
const B = [
  [4, 4, 1, 1, 1],
  [4, 1, 1, 1, 1],
]

let pid = ''
const ids: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' }
const keys: Record<'A' | 'B' | 'C' | 'procurer', string> = { A: '', B: '', C: '', procurer: '' }

beforeAll(async () => {
  const programme = await call('POST', '/api/v1/programmes', {
    key: ADMIN,
    json: {
      name: unique('Scores'),
      region: 'Lappi',
      surveys: { company: 'cx-company', jobseeker: 'cx-jobseeker' },
      publication: { minResponses: 3, cautionBelow: 4, minGroup: 3, priorWeight: 5 },
    },
  })
  pid = programme.data.id
  for (const name of ['A', 'B', 'C'] as const) {
    ids[name] = (
      await call('POST', `/api/v1/programmes/${pid}/providers`, { key: ADMIN, json: { name: `Provider ${name}` } })
    ).data.id
    keys[name] = (
      await call('POST', '/api/v1/keys', { key: ADMIN, json: { role: 'provider', providerId: ids[name] } })
    ).data.key
  }
  keys.procurer = (
    await call('POST', '/api/v1/keys', { key: ADMIN, json: { role: 'procurer', programmeId: pid } })
  ).data.key
  const plan: Array<[keyof typeof ids, string]> = [
    ...A.map((): ['A', string] => ['A', 'done']),
    ['A', 'untouched'],
    ...B.map((): ['B', string] => ['B', 'done']),
    ['B', 'partial'],
    ['C', 'opened'],
    ['C', 'declined'],
  ]
  const episodes = plan.map(([p], k) => ({
    providerId: ids[p],
    customerType: 'company',
    externalRef: `S-${k}`,
    startedOn: '2026-03-01',
    endedOn: '2026-03-20',
  }))
  const imported = (
    await call('POST', `/api/v1/programmes/${pid}/episodes`, { key: keys.procurer, json: { episodes } })
  ).data.episodes
  const answers = [...A, ...B]
  let next = 0
  for (const [k, [, what]] of plan.entries()) {
    const token = imported[k].invitation.token
    if (what === 'done')
      await call('PUT', `/api/v1/respond/${token}`, {
        json: { answers: companyAnswers(answers[next++]), complete: true },
      })
    if (what === 'partial')
      await call('PUT', `/api/v1/respond/${token}`, {
        json: { answers: { need_clarity: 2, employer_obligations: 2, recruitment_plan: 2 } },
      })
    if (what === 'opened') await call('GET', `/api/v1/respond/${token}`)
    if (what === 'declined') await call('POST', `/api/v1/respond/${token}/decline`)
  }
})

const period = 'from=2026-03-01&to=2026-03-31'
// Provider keys and the public take whole months, quarters and years only.
const month = 'period=2026-03'

describe('scores', () => {
  it('computes every figure as by hand', async () => {
    const res = await call('GET', `/api/v1/programmes/${pid}/scores?${period}`, { key: keys.procurer })
    expect(res.status).toBe(200)
    const { programme, providers } = res.data
    const [a, b, c] = providers
    // Programme: 6 responses, M = (100 + 80 + 60 + 60 + 40 + 20) / 6 = 60
    expect(programme).toMatchObject({ clients: 10, invited: 10, responses: 6 })
    expect(programme.qualityIndex.mean).toBeCloseTo(60, 9)
    expect(programme.responseRate).toBeCloseTo(6 / 10, 12)

    // A: mean 75; squared deviations 625 + 25 + 225 + 225 = 1100, sd = sqrt(1100/3) = 19.14854...
    // t(0.975, 3) = 3.182446: half-width 3.182446 * 19.14854 / 2 = 30.4694 -> [44.5306, 105.47] clipped to 100
    expect(a).toMatchObject({
      name: 'Provider A',
      clients: 5,
      invited: 5,
      responses: 4,
      publication: 'published',
      published: true,
    })
    expect(a.responseRate).toBeCloseTo(0.8, 12)
    expect(a.qualityIndex.mean).toBeCloseTo(75, 9)
    expect(a.qualityIndex.sd).toBeCloseTo(Math.sqrt(1100 / 3), 9)
    expect(a.qualityIndex.ci95[0]).toBeCloseTo(75 - (3.182446 * Math.sqrt(1100 / 3)) / 2, 9) // t from the 6-decimal table
    expect(a.qualityIndex.ci95[1]).toBe(100)
    // shrunk (4 * 75 + 5 * 60) / (4 + 5) = 66.667; stars 1 + 4 * 0.66667 = 3.667 -> 3.5
    expect(a.qualityIndex.shrunk).toBeCloseTo(600 / 9, 9)
    // its interval: the ends of [44.53, 100] mapped the same way, ((4 * L + 300) / 9, (400 + 300) / 9)
    expect(a.qualityIndex.shrunkCi95[0]).toBeCloseTo((4 * a.qualityIndex.ci95[0] + 300) / 9, 9)
    expect(a.qualityIndex.shrunkCi95[1]).toBeCloseTo(700 / 9, 9)
    expect(a.stars).toBe(3.5)
    // A against the rest of the programme (B's 40 and 20: mean 30, variance 200), Welch: the variances
    // 1100/3 / 4 = 91.67 and 200 / 2 = 100, t = 45 / sqrt(191.67) = 3.2504, df = 191.67^2 / (91.67^2/3 + 100^2/1)
    // = 2.870, p = 0.05056; Holm over the two tested providers (A, B): 2 * 0.05056 = 0.1011 -> no_different
    expect(a.comparison).toBe('no_different')
    expect(a.comparisonTest).toMatchObject({ restMean: 30, restResponses: 2, difference: 45, family: 2 })
    expect(a.comparisonTest.t).toBeCloseTo(3.250418033315768, 9)
    expect(a.comparisonTest.df).toBeCloseTo(2.8698010849909585, 9)
    expect(a.comparisonTest.p).toBeCloseTo(0.05056095371478478, 6)
    expect(a.comparisonTest.pAdjusted).toBeCloseTo(0.10112190742956956, 6)
    expect(a.qualityIndex.intervalBasis).toBe('own_sd')
    // k is the programme's fixed priorWeight; the pooled sd is A's (B has fewer than minGroup 3 answers)
    expect(programme.estimates).toEqual({ priorWeight: 5, priorWeightSource: 'fixed', pooledSd: expect.any(Number) })
    expect(programme.estimates.pooledSd).toBeCloseTo(Math.sqrt(1100 / 3), 9)
    // top box: only the all-4 response, 1 of 4; Wilson: centre (0.25 + 1.92073/8) / (1 + 3.84146/4) ...
    const z = 1.959963984540054
    const [p, n] = [0.25, 4]
    const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n)
    const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))
    expect(a.topBox.share).toBe(0.25)
    expect(a.topBox.ci95[0]).toBeCloseTo(centre - half, 9)
    expect(a.topBox.ci95[1]).toBeCloseTo(centre + half, 9)

    // B: mean 30, sd sqrt(200) = 14.142; t(0.975, 1) = 12.7062 -> [-97, 157] clipped to [0, 100];
    // shrunk (2 * 30 + 5 * 60) / 7 = 51.43 -> stars 1 + 2.057 = 3.06 -> 3; fewer than minResponses 3
    expect(b).toMatchObject({ responses: 2, publication: 'too_few_answers', published: false })
    expect(b.qualityIndex.mean).toBeCloseTo(30, 9)
    expect(b.qualityIndex.sd).toBeCloseTo(Math.sqrt(200), 9)
    expect(b.qualityIndex.ci95).toEqual([0, 100])
    // its own sd 14.14 is below the pooled 19.15, so the interval rests on the pooled one (clipped all the same);
    // B against A: t = -45 / sqrt(366.67/2 + 366.67/4) = -2.7136, p = 0.1087 (Holm keeps the larger p as it is)
    expect(b.qualityIndex.intervalBasis).toBe('programme_sd')
    expect(b.comparisonTest.pAdjusted).toBeCloseTo(0.10873705163727597, 6)
    expect(b.comparison).toBe('no_different')
    expect(b.qualityIndex.shrunk).toBeCloseTo(360 / 7, 9)
    expect(b.qualityIndex.shrunkCi95[0]).toBeCloseTo(300 / 7, 9) // (2 * 0 + 300) / 7
    expect(b.qualityIndex.shrunkCi95[1]).toBeCloseTo(500 / 7, 9) // (2 * 100 + 300) / 7
    expect(b.stars).toBe(3)
    expect(b.responseRate).toBeCloseTo(2 / 3, 12)

    // C: no responses: no mean, shrunk falls back to M
    expect(c).toMatchObject({ responses: 0, responseRate: 0, publication: 'too_few_answers' })
    expect(c.qualityIndex.mean).toBeNull()
    expect(c.qualityIndex.shrunk).toBeCloseTo(60, 9)
    expect(c.qualityIndex.shrunkCi95).toBeNull()
    expect(c.comparisonTest).toBeNull()
    expect(programme.qualityIndex.shrunkCi95).toBeNull()
  })

  it('filters by customer type and period', async () => {
    const jobseekers = await call('GET', `/api/v1/programmes/${pid}/scores?${period}&customerType=jobseeker`, {
      key: keys.procurer,
    })
    expect(jobseekers.data.programme.responses).toBe(0)
    const before = await call('GET', `/api/v1/programmes/${pid}/scores?from=2026-01-01&to=2026-03-19`, {
      key: keys.procurer,
    })
    expect(before.data.programme.clients).toBe(0)
    const bad = await call('GET', `/api/v1/programmes/${pid}/scores?from=2026-04-01&to=2026-03-01`, {
      key: keys.procurer,
    })
    expect(bad.status).toBe(400)
    expect(bad.data.error.issues[0].path).toBe('to')
  })

  it('gives a provider key only its own row, and hides figures of a group under minGroup', async () => {
    const own = await call('GET', `/api/v1/programmes/${pid}/scores?${month}`, { key: keys.A })
    expect(own.data.providers.map((p: Json) => p.providerId)).toEqual([ids.A])
    // Release rule (changed from the old per-figure suppression): of A's four answers in March only the
    // first three completed (100, 80, 60) are released in a chunk of minGroup 3; the fourth waits for two more.
    expect(own.data.providers[0]).toMatchObject({ responses: 3, clients: 5, invited: 5 })
    expect(own.data.providers[0].responseRate).toBeCloseTo(3 / 5, 12)
    expect(own.data.providers[0].qualityIndex.mean).toBeCloseTo(80, 9)
    // only A and B have answers: with fewer than three providers in it, the programme mean would give B away
    expect(own.data.programme.qualityIndex.mean).toBeNull()
    // and so would the rest of the programme A is tested against, and the programme's estimates
    expect(own.data.providers[0].comparisonTest).toBeNull()
    expect(own.data.programme.estimates).toMatchObject({ priorWeight: null, pooledSd: null })
    expect(
      (await call('GET', `/api/v1/programmes/${pid}/scores?${period}`, { key: keys.procurer })).data.programme
        .qualityIndex.mean,
    ).toBeCloseTo(60, 9)
    const small = await call('GET', `/api/v1/programmes/${pid}/scores?${month}`, { key: keys.B })
    expect(small.data.providers).toHaveLength(1)
    // B's two answers are fewer than minGroup: none is released, not even as a count (changed: was responses 2)
    expect(small.data.providers[0]).toMatchObject({
      responses: 0,
      responseRate: 0,
      stars: null,
      qualityIndex: { mean: null, sd: null, ci95: null, shrunk: null },
    })
    expect(JSON.stringify(small.data)).not.toContain('Provider A')
  })
})

describe('public ratings', () => {
  it('lists every provider, with scores only where enough answers exist', async () => {
    const res = await call('GET', `/api/v1/public/programmes/${pid}/ratings?${month}`)
    expect(res.status).toBe(200)
    const byName = Object.fromEntries(res.data.providers.map((p: Json) => [p.name, p]))
    // Released answers only (changed from 3.5 stars on 4 answers): A's first three, mean 80; the programme
    // mean over released answers is 80 as well, so shrunk 80 and 1 + 4 * 0.8 = 4.2 -> 4 stars.
    expect(byName['Provider A']).toMatchObject({ stars: 4, responses: 3, published: true, publication: 'caution' })
    expect(byName['Provider B']).toMatchObject({ stars: null, published: false, publication: 'too_few_answers' })
    expect(byName['Provider B'].qualityIndex.mean).toBeNull()
    expect(byName['Provider C'].stars).toBeNull()
    expect(res.data.programme).toMatchObject({ name: expect.stringContaining('Scores'), minResponses: 3 })
    expect((await call('GET', '/api/v1/public/programmes/prg_none/ratings')).status).toBe(404)
  })
})

describe('comments', () => {
  it('lists comments only for providers with at least minGroup answers, without dates or episodes', async () => {
    const s = await (await import('./helpers.ts')).setupProgramme({ publication: { minResponses: 3, minGroup: 3 } })
    const rows = [0, 1, 2, 3].map((k) => ({
      providerId: k < 3 ? s.providerA.id : s.providerB.id,
      customerType: 'company',
      externalRef: `C-${k}-${Date.now()}`,
      startedOn: '2026-03-01',
      endedOn: '2026-03-20',
    }))
    const imported = (
      await call('POST', `/api/v1/programmes/${s.programme.id}/episodes`, {
        key: s.procurerKey,
        json: { episodes: rows },
      })
    ).data.episodes
    for (const [k, e] of imported.entries()) {
      await call('PUT', `/api/v1/respond/${e.invitation.token}`, {
        json: { answers: { ...companyAnswers([4, 4, 4, 4, 4]), comment: `Comment ${3 - k}` }, complete: true },
      })
    }
    const res = await call('GET', `/api/v1/programmes/${s.programme.id}/comments?${period}`, { key: s.procurerKey })
    const a = res.data.providers.find((p: CommentsRow) => p.providerId === s.providerA.id)
    const b = res.data.providers.find((p: CommentsRow) => p.providerId === s.providerB.id)
    expect(a.comments).toEqual([
      { question: 'comment', text: 'Comment 1' },
      { question: 'comment', text: 'Comment 2' },
      { question: 'comment', text: 'Comment 3' },
    ])
    expect(b).toMatchObject({ responses: 1, suppressed: true, comments: [] })
    // Provider keys (changed): whole months only, released answers only (B has none), in random order
    const own = await call('GET', `/api/v1/programmes/${s.programme.id}/comments?${month}`, { key: s.keyB })
    expect(own.data.providers).toEqual([
      expect.objectContaining({ providerId: s.providerB.id, responses: 0, comments: [] }),
    ])
    expect(JSON.stringify(own.data)).not.toContain('Comment')
    const ownA = await call('GET', `/api/v1/programmes/${s.programme.id}/comments?${month}`, { key: s.keyA })
    expect(ownA.data.providers[0]).toMatchObject({ responses: 3, suppressed: false })
    expect(ownA.data.providers[0].comments.map((c: Json) => c.text).sort()).toEqual([
      'Comment 1',
      'Comment 2',
      'Comment 3',
    ])
  })
})

describe('public ratings page', () => {
  it('shows every provider with stars or "too few answers", the method, and the chart data', async () => {
    const res = await call('GET', `/ratings/${pid}?${month}&lang=en`)
    expect(res.status).toBe(200)
    const html = res.data as string
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('<th scope="row">Provider A</th>')
    expect(html).toContain('aria-label="4 of 5 stars"')
    expect(html).toContain('Too few answers (under 3)')
    expect(html).toContain('How the ratings are computed')
    const json = /<script type="application\/json" id="ratings-data">(.*?)<\/script>/.exec(html)![1]
    // two providers with answers: the programme mean is not published (it would give the other away)
    expect(JSON.parse(json)).toMatchObject({ labels: ['Provider A'], values: [80], mean: null })
    // the period picker offers whole months, the last whole quarter and year, and keeps the choice
    expect(html).toContain('<option value="">')
    expect(html).toContain('<option value="2026-03" selected="">')
    expect(html).toMatch(/<option value="\d{4}-Q[1-4]"/)
    expect(html).toContain('href="?lang=fi&amp;period=2026-03"')
    const fi = await call('GET', `/ratings/${pid}?${month}`)
    expect(fi.data).toContain('Palveluntuottajien arviot')
    // the period in the local date format: 31.3.2026 in Finnish and Swedish, 31 March 2026 in English
    expect(fi.data).toContain('Palvelut, jotka päättyivät 1.3.2026 – 31.3.2026')
    expect((await call('GET', `/ratings/${pid}?${month}&lang=sv`)).data).toContain('1.3.2026 – 31.3.2026')
    expect(html).toContain('Services that ended 1 March 2026 – 31 March 2026')
    expect((await call('GET', `/ratings/${pid}?period=&lang=en`)).status).toBe(200)
    expect((await call('GET', '/ratings/prg_none')).status).toBe(404)
  })
})

describe('diagnostics', () => {
  it('counts outcomes and AAPOR rates per provider as by hand', async () => {
    const res = await call('GET', `/api/v1/programmes/${pid}/diagnostics?${period}`, { key: keys.procurer })
    expect(res.status).toBe(200)
    const byName = Object.fromEntries(res.data.providers.map((p: DiagnosticsRow) => [p.name, p]))
    // A: I 4, NC 1 -> RR1 = RR2 = 4/5, COOP1 = 4/4, REF1 0, CON1 4/5
    expect(byName['Provider A'].outcomes).toEqual({ I: 4, P: 0, R: 0, O: 0, NC: 1 })
    expect(byName['Provider A'].rates).toEqual({ invited: 5, rr1: 0.8, rr2: 0.8, coop1: 1, ref1: 0, con1: 0.8 })
    // B: I 2, P 1 (3 of 5 scored items answered) -> RR1 2/3, RR2 1, COOP1 2/3
    expect(byName['Provider B'].outcomes).toEqual({ I: 2, P: 1, R: 0, O: 0, NC: 0 })
    expect(byName['Provider B'].rates.rr2).toBe(1)
    expect(byName['Provider B'].rates.coop1).toBeCloseTo(2 / 3, 12)
    // C: R 2 (changed in issue 13: the link opened and left is an implicit refusal, was O) -> RR1 0,
    // REF1 2/2, CON1 1, COOP1 0
    expect(byName['Provider C'].outcomes).toEqual({ I: 0, P: 0, R: 2, O: 0, NC: 0 })
    expect(byName['Provider C'].rates).toEqual({ invited: 2, rr1: 0, rr2: 0, coop1: 0, ref1: 1, con1: 1 })
    // Median provider RR1 = median(0.8, 0.667, 0) = 0.667; C is below half of it
    expect(res.data.programme.medianProviderRate).toBeCloseTo(2 / 3, 12)
    expect(byName['Provider C'].integrityFlags.map((f: { flag: string }) => f.flag)).toContain('low_response_rate')
    expect(byName['Provider A'].integrityFlags.map((f: { flag: string }) => f.flag)).not.toContain('low_response_rate')
    // every invitation of A is in one cell, all answered alike: R = 1 - 2 * 0, and no interval to give
    expect(byName['Provider A'].representativeness).toMatchObject({
      rIndicator: 1,
      rIndicatorUnadjusted: 1,
      standardError: null,
      interval: null,
      belowProgramme: false,
    })
    expect(byName['Provider A'].representativeness.partials.customerType).toEqual({
      partialR: 0,
      standardError: null,
      categories: [{ value: 'company', invited: 5, partialR: 0 }],
    })
    // C's two invitations are fewer than minGroup 3: no partial figure for them
    expect(byName['Provider C'].representativeness.partials.customerType.categories).toEqual([
      { value: 'company', invited: 2, partialR: null },
    ])
    expect(res.data.programme.representativeness).toMatchObject({ rIndicator: 1, interval: null })
    // opened: 6 completed + 1 partial + 1 opened + 1 declined = 9; started: 6 + the partial = 7
    expect(res.data.weeks).toEqual([
      { weekStart: '2026-03-16', invited: 10, opened: 9, started: 7, completed: 6, declined: 1 },
    ])
  })

  it('computes item statistics and Cronbach alpha as by hand', async () => {
    const res = await call('GET', `/api/v1/programmes/${pid}/diagnostics?${period}`, { key: keys.procurer })
    const [stats] = res.data.programme.itemStatistics
    expect(stats).toMatchObject({ surveyId: 'cx-company', surveyVersion: 2, completed: 6 })
    const need = stats.items.find((i: { item: string }) => i.item === 'need_clarity')
    expect(need).toMatchObject({ counts: [0, 0, 0, 6], cannotSay: 0, missing: 0 })
    const decision = stats.items.find((i: { item: string }) => i.item === 'recruitment_decision')
    expect(decision.counts).toEqual([5, 0, 0, 1])
    // Items as 0/1 (top or bottom) over the six responses: variances 0, 1/6, 4/15, 4/15, 1/6 (sum 13/15);
    // totals 5, 4, 3, 3, 2, 1 have variance 2; alpha = 5/4 * (1 - (13/15) / 2) = 17/24
    expect(stats.cronbachAlpha).toBeCloseTo(17 / 24, 9)
  })

  it('shows a provider only its own diagnostics', async () => {
    const res = await call('GET', `/api/v1/programmes/${pid}/diagnostics?${month}`, { key: keys.A })
    expect(res.data.providers.map((p: Json) => p.providerId)).toEqual([ids.A])
    // Changed: a provider key gets months, not weeks, and released counts only (3 of A's 4 completions)
    expect(res.data.weeks).toEqual([])
    expect(res.data.months).toEqual([{ month: '2026-03', invited: 5, completed: 3, declined: 0 }])
    const [a] = res.data.providers
    expect(a.outcomes).toEqual({ I: 3, P: null, R: 0, O: null, NC: null })
    expect(a.rates).toMatchObject({ invited: 5, rr1: 0.6, rr2: null, coop1: null, con1: null })
    expect(a.representativeness).toBeNull()
    expect(res.data.programme.representativeness).toBeNull()
    expect(a.itemStatistics[0]).toMatchObject({ completed: 3 })
    expect(a.itemStatistics[0].items.find((i: Json) => i.item === 'need_clarity').counts).toEqual([0, 0, 0, 3])
    const b = await call('GET', `/api/v1/programmes/${pid}/diagnostics?${month}`, { key: keys.B })
    // two answers are fewer than minGroup 3: nothing of B's is released (changed: was completed 2, items hidden)
    expect(b.data.providers[0].itemStatistics).toEqual([])
    expect(b.data.providers[0].outcomes.I).toBe(0)
    // C's single decline is not released either
    const c = await call('GET', `/api/v1/programmes/${pid}/diagnostics?${month}`, { key: keys.C })
    expect(c.data.providers[0].outcomes).toMatchObject({ I: 0, R: 0 })
    expect(c.data.months).toEqual([{ month: '2026-03', invited: 2, completed: 0, declined: 0 }])
  })
})

describe('representativeness', () => {
  it('flags a provider whose whole interval lies below the programme R-indicator', async () => {
    // Provider 0: 10 companies all answer, 10 job seekers none; provider 1: 5 of 10 of each answer.
    const { pid: rpid, ids: rids, procurer } = await programmeWith(2, 3)
    for (const [provider, companies, jobseekers] of [
      [rids[0], 10, 0],
      [rids[1], 5, 5],
    ] as const) {
      for (const [type, answering] of [
        ['company', companies],
        ['jobseeker', jobseekers],
      ] as const) {
        for (let k = 0; k < 10; k++) {
          const client = await addClient(rpid, provider, type, '2026-03-10')
          if (k < answering) await complete(client, '2026-03-12T10:00:00.000Z', 50, false)
        }
      }
    }
    const res = await call('GET', `/api/v1/programmes/${rpid}/diagnostics?${period}`, { key: procurer })
    expect(res.status).toBe(200)
    // Programme: rho 15/20 and 5/20, S^2 = 40*0.0625/39, w = 0.1875 in both, B = 0.375/40,
    // R_B = 1 - 2*sqrt(2.5/39 - 0.009375) = 0.532.
    const programmeR = 1 - 2 * Math.sqrt(2.5 / 39 - 0.375 / 40)
    expect(res.data.programme.rIndicator).toBeCloseTo(programmeR, 12)
    const [unequal, even] = res.data.providers
    // Provider 0: rho 1 and 0, S^2 = 20*0.25/19; at the edges w = (10.5/11)(0.5/11) = 0.043388, B = 2w/20;
    // R_B = -0.0175, SE 0.093: the interval [-0.200, 0.165] lies below 0.532.
    const w = (10.5 / 11) * (0.5 / 11)
    expect(unequal.representativeness.rIndicator).toBeCloseTo(1 - 2 * Math.sqrt(5 / 19 - w / 10), 12)
    expect(unequal.representativeness.interval.high).toBeLessThan(programmeR)
    expect(unequal.representativeness.belowProgramme).toBe(true)
    // Customer type is the whole model: P_u = sqrt(S^2 - B) = (1 - R_B)/2; each type sqrt(10/19) * (-/+0.5).
    const byType = unequal.representativeness.partials.customerType
    expect(byType.partialR).toBeCloseTo((1 - unequal.representativeness.rIndicator) / 2, 12)
    expect(byType.categories).toEqual([
      { value: 'company', invited: 10, partialR: expect.closeTo(Math.sqrt(10 / 19) * 0.5, 12) },
      { value: 'jobseeker', invited: 10, partialR: expect.closeTo(-Math.sqrt(10 / 19) * 0.5, 12) },
    ])
    expect(unequal.representativeness.partials.language.partialR).toBe(0)
    // Provider 1 answers alike in both types: R = 1, no interval, no flag.
    expect(even.representativeness).toMatchObject({ rIndicator: 1, interval: null, belowProgramme: false })
  })
})
