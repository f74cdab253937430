// Issue 15: versions marked comparableTo pool; any other change starts a new series, and every score read
// (scores, public ratings and their page, diagnostics) shows one series per survey, says which, and lists
// the answers it leaves out.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { chooseSeries } from '../src/domain/series.ts'
import { call, type Json } from './helpers.ts'
import { addClient, type Client, complete, decline, programmeWith, surveyWithVersions } from './seed-scores.ts'

const month = 'period=2026-03'
const at = (day: number) => `2026-03-${String(11 + (day % 15)).padStart(2, '0')}T10:00:00.000Z`

/** Adds one client per index to a provider, each answering with that index (null: invited, never answered). */
async function answer(pid: string, provider: string, survey: Client['survey'], indices: Array<number | null>) {
  for (const [k, index] of indices.entries()) {
    const c = await addClient(pid, provider, 'company', '2026-03-10', survey)
    if (index !== null) await complete(c, at(k), index, index === 100)
  }
}

const scores = async (s: { pid: string; procurer: string }, query = '') =>
  call('GET', `/api/v1/programmes/${s.pid}/scores?${month}${query}`, { key: s.procurer })

describe('survey series', () => {
  // Versions 1 and 2 pool (2 is comparable to 1); version 3 starts its own series.
  it('pools comparable versions, never across a break, and picks the latest answered series by default', async () => {
    const s = await programmeWith(2, 3)
    const survey = await surveyWithVersions([null, 1, null])
    await answer(s.pid, s.ids[0], { id: survey, version: 1 }, [40, 60])
    await answer(s.pid, s.ids[0], { id: survey, version: 2 }, [80])
    const pooled = await scores(s)
    expect(pooled.status).toBe(200)
    expect(pooled.data.series).toEqual([{ surveyId: survey, from: 1, versions: [1, 2], invited: 3, answers: 3 }])
    expect(pooled.data.otherSeries).toEqual([])
    expect(pooled.data.programme).toMatchObject({ invited: 3, responses: 3 })
    expect(pooled.data.programme.qualityIndex.mean).toBeCloseTo(60, 9)

    // An unanswered invitation of version 3 does not move the default: it asks for the latest answered series.
    await answer(s.pid, s.ids[1], { id: survey, version: 3 }, [null])
    const stillFirst = await scores(s)
    expect(stillFirst.data.series[0]).toMatchObject({ from: 1, answers: 3 })
    expect(stillFirst.data.otherSeries).toEqual([{ surveyId: survey, from: 3, versions: [3], invited: 1, answers: 0 }])
    expect(stillFirst.data.programme).toMatchObject({ invited: 3, responses: 3 })

    // Answers to version 3 make its series the default; series 1 is listed with its answers, never pooled.
    await answer(s.pid, s.ids[1], { id: survey, version: 3 }, [100, 90])
    const latest = await scores(s)
    expect(latest.data.series).toEqual([{ surveyId: survey, from: 3, versions: [3], invited: 3, answers: 2 }])
    expect(latest.data.otherSeries).toEqual([{ surveyId: survey, from: 1, versions: [1, 2], invited: 3, answers: 3 }])
    expect(latest.data.programme).toMatchObject({ invited: 3, responses: 2 })
    expect(latest.data.programme.qualityIndex.mean).toBeCloseTo(95, 9)
    const [a, b] = latest.data.providers
    expect([a.responses, b.responses]).toEqual([0, 2])

    // series= names a series by any of its versions.
    for (const version of [1, 2]) {
      const chosen = await scores(s, `&series=${survey}@${version}`)
      expect(chosen.status).toBe(200)
      expect(chosen.data.series[0]).toMatchObject({ from: 1, versions: [1, 2] })
      expect(chosen.data.programme.qualityIndex.mean).toBeCloseTo(60, 9)
      expect(chosen.data.otherSeries).toEqual([{ surveyId: survey, from: 3, versions: [3], invited: 3, answers: 2 }])
    }
  })

  it('keeps the built-in cx-company v1 and v2 apart: they are different series', async () => {
    const s = await programmeWith(1, 3)
    await answer(s.pid, s.ids[0], { id: 'cx-company', version: 1 }, [20, 40])
    await answer(s.pid, s.ids[0], { id: 'cx-company', version: 2 }, [90])
    const res = await scores(s)
    expect(res.data.series).toEqual([{ surveyId: 'cx-company', from: 2, versions: [2], invited: 1, answers: 1 }])
    expect(res.data.otherSeries).toEqual([{ surveyId: 'cx-company', from: 1, versions: [1], invited: 2, answers: 2 }])
    expect(res.data.programme.qualityIndex.mean).toBeCloseTo(90, 9)
    const v1 = await scores(s, '&series=cx-company@1')
    expect(v1.data.programme.qualityIndex.mean).toBeCloseTo(30, 9)
  })

  it('refuses a bad series with a 400 naming series', async () => {
    const s = await programmeWith(1, 3)
    const survey = await surveyWithVersions([null, 1])
    await answer(s.pid, s.ids[0], { id: survey, version: 1 }, [50])
    for (const bad of [
      'cx-company',
      'cx-company@0',
      'Cx@1',
      `${survey}@3`,
      'no-such-survey@1',
      `${survey}@1,${survey}@2`,
    ]) {
      const res = await scores(s, `&series=${encodeURIComponent(bad)}`)
      expect(res.status, bad).toBe(400)
      expect(
        res.data.error.issues.map((i: Json) => i.path),
        bad,
      ).toEqual(['series'])
      const diagnostics = await call('GET', `/api/v1/programmes/${s.pid}/diagnostics?${month}&series=${bad}`, {
        key: s.procurer,
      })
      expect(diagnostics.status, bad).toBe(400)
    }
    const ratings = await call('GET', `/api/v1/public/programmes/${s.pid}/ratings?${month}&series=${survey}@3`)
    expect(ratings.status).toBe(400)
    expect(ratings.data.error.issues[0].path).toBe('series')
  })

  it('says which series the diagnostics, the public ratings and the ratings page show', async () => {
    // minGroup 3, answers in threes per provider and version, so the public sees every answer.
    const s = await programmeWith(3, 3)
    const survey = await surveyWithVersions([null, 1, null])
    for (const provider of s.ids) {
      await answer(s.pid, provider, { id: survey, version: 1 }, [50, 70, 60])
      await answer(s.pid, provider, { id: survey, version: 2 }, [60, 40, 80, null])
    }
    await answer(s.pid, s.ids[0], { id: survey, version: 3 }, [10, 20, 30])
    // The default is the series of version 3; the first series is asked for here.
    const query = `${month}&series=${survey}@2`
    const diagnostics = await call('GET', `/api/v1/programmes/${s.pid}/diagnostics?${query}`, { key: s.procurer })
    expect(diagnostics.status).toBe(200)
    expect(diagnostics.data.series).toEqual([{ surveyId: survey, from: 1, versions: [1, 2], invited: 21, answers: 18 }])
    expect(diagnostics.data.otherSeries).toEqual([{ surveyId: survey, from: 3, versions: [3], invited: 3, answers: 3 }])
    // The rates are the series' own: 18 of its 21 invitations answered (version 3's answers are not in them).
    expect(diagnostics.data.programme.outcomes.I).toBe(18)
    expect(diagnostics.data.programme.rates.rr1).toBeCloseTo(18 / 21, 12)

    const ratings = await call('GET', `/api/v1/public/programmes/${s.pid}/ratings?${month}`)
    expect(ratings.data.series).toEqual([{ surveyId: survey, from: 3, versions: [3], invited: 3, answers: 3 }])
    expect(ratings.data.otherSeries[0]).toMatchObject({ from: 1, answers: 18 })
    const responses = Object.fromEntries(ratings.data.providers.map((p: Json) => [p.providerId, p.responses]))
    expect(responses).toEqual({ [s.ids[0]]: 3, [s.ids[1]]: 0, [s.ids[2]]: 0 })

    const texts = {
      fi: ['Kyselyn versiot 1–2', '3 vastausta kyselyn versioon 3'],
      sv: ['Enkätversioner 1–2', '3 svar på enkätversion 3'],
      en: ['Survey versions 1–2', '3 answers to survey version 3'],
    }
    for (const [lang, [shown, other]] of Object.entries(texts)) {
      const page = await call<string>('GET', `/ratings/${s.pid}?${query}&lang=${lang}`)
      expect(page.status).toBe(200)
      expect(page.data).toContain(`${shown} (${survey})`)
      expect(page.data).toContain(other)
      // The link to the series left out, and the period form keeps the series chosen.
      expect(page.data).toContain(`&amp;series=${survey}@3`)
      expect(page.data).toContain(`name="series" value="${survey}@2"`)
    }
    const byDefault = await call<string>('GET', `/ratings/${s.pid}?${month}&lang=en`)
    expect(byDefault.data).toContain(`Survey version 3 (${survey})`)
    expect(byDefault.data).toContain(`18 answers to survey versions 1–2 (${survey}) are not included`)
  })

  it('leaves the fee arithmetic as it was: a fee period spanning a break pools, and the run lists each series', async () => {
    const s = await programmeWith(1, 3)
    const survey = await surveyWithVersions([null, 1, null])
    await answer(s.pid, s.ids[0], { id: survey, version: 1 }, [40])
    await answer(s.pid, s.ids[0], { id: survey, version: 2 }, [80])
    await answer(s.pid, s.ids[0], { id: survey, version: 3 }, [100, null])
    const rule = {
      currency: 'EUR',
      components: [
        { type: 'quality', basis: 'client', perClientMax: 100, scoring: { mode: 'linear' }, nonResponse: 'zero' },
      ],
    }
    const put = await call('PUT', `/api/v1/programmes/${s.pid}/fee-rule`, { key: s.procurer, json: rule })
    expect(put.status).toBe(201)
    const run = await call('POST', `/api/v1/programmes/${s.pid}/fee-runs`, {
      key: s.procurer,
      json: { from: '2026-03-01', to: '2026-03-31' },
    })
    expect(run.status, JSON.stringify(run.data)).toBe(201)
    expect(run.data.surveyVersions).toEqual([
      { surveyId: survey, version: 1, series: 1 },
      { surveyId: survey, version: 2, series: 1 },
      { surveyId: survey, version: 3, series: 3 },
    ])
    // EUR 100 x index / 100 per client, across both series: 40 + 80 + 100 + 0 (no answer).
    expect(run.data.owed).toBe('220.00')
  })

  it('never changes the figures of one series when answers arrive in another (property)', async () => {
    const s = await programmeWith(2, 3)
    const survey = await surveyWithVersions([null, 1, null])
    const index = fc.option(fc.integer({ min: 0, max: 20 }).map((k) => k * 5))
    const answers = fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 1, max: 2 }), index), {
      minLength: 1,
      maxLength: 6,
    })
    const figures = async () => {
      const [table, diagnostics] = await Promise.all([
        scores(s, `&series=${survey}@1`),
        call('GET', `/api/v1/programmes/${s.pid}/diagnostics?${month}&series=${survey}@1`, { key: s.procurer }),
      ])
      const { otherSeries: _, ...rest } = table.data
      const { otherSeries: __, ...diag } = diagnostics.data
      return { rest, diag }
    }
    // Runs share the programme: each adds answers to series 1, then to series 3, and only the first step may
    // change series 1's figures (and each time by exactly the answers added).
    const expected: number[] = []
    await fc.assert(
      fc.asyncProperty(answers, answers, fc.boolean(), async (first, other, declines) => {
        for (const [provider, version, idx] of first) {
          const c = await addClient(s.pid, s.ids[provider], 'company', '2026-03-10', { id: survey, version })
          if (idx !== null) {
            await complete(c, at(expected.length), idx, idx === 100)
            expected.push(idx)
          }
        }
        const before = await figures()
        expect(before.rest.programme.responses).toBe(expected.length)
        const mean = expected.length === 0 ? null : expected.reduce((t, x) => t + x, 0) / expected.length
        if (mean === null) expect(before.rest.programme.qualityIndex.mean).toBeNull()
        else expect(before.rest.programme.qualityIndex.mean).toBeCloseTo(mean, 9)
        for (const [provider, , idx] of other) {
          const c = await addClient(s.pid, s.ids[provider], 'company', '2026-03-10', { id: survey, version: 3 })
          if (idx !== null) await complete(c, at(provider), idx, idx === 100)
          else if (declines) await decline(c, at(provider))
        }
        expect(await figures()).toEqual(before)
      }),
      { numRuns: 6 },
    )
  })
})

describe('choosing a series (domain)', () => {
  it('lists a series of versions that are not consecutive, and a version without a row as its own series', () => {
    // Version 3 comparable to 1; version 2 its own series; version 7 never published as a row.
    const map = [
      { surveyId: 's', version: 1, series: 1 },
      { surveyId: 's', version: 2, series: 2 },
      { surveyId: 's', version: 3, series: 1 },
    ]
    const census = [
      { surveyId: 's', version: 1, invited: 4, answers: 2 },
      { surveyId: 's', version: 2, invited: 5, answers: 5 },
      { surveyId: 's', version: 3, invited: 1, answers: 1 },
      { surveyId: 's', version: 7, invited: 2, answers: 0 },
    ]
    const chosen = chooseSeries(map, census, [])
    expect(chosen).toEqual({
      ok: true,
      choice: {
        series: [{ surveyId: 's', from: 1, versions: [1, 3], invited: 5, answers: 3 }],
        otherSeries: [
          { surveyId: 's', from: 2, versions: [2], invited: 5, answers: 5 },
          { surveyId: 's', from: 7, versions: [7], invited: 2, answers: 0 },
        ],
        surveyVersions: ['s@1', 's@3'],
      },
    })
  })
})
