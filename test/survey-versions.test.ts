// Survey versions in use: new invitations get the latest version, an invitation keeps the version it was
// issued with (its answers are checked, scored and counted under that version), and the lists of surveys show both.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { findVersion } from '../src/surveys/catalog.ts'
import { call, episode, setupProgramme } from './helpers.ts'

const ANSWERS = {
  need_clarity: 4,
  employer_obligations: 3,
  recruitment_plan: 'dontknow',
  candidate_channels: 2,
  recruitment_decision: 4,
  use_again: 'same_provider',
}

async function invite(s: Awaited<ReturnType<typeof setupProgramme>>, customerType = 'company') {
  const res = await call('POST', `/api/v1/programmes/${s.programme.id}/episodes`, {
    key: s.procurerKey,
    json: { episodes: [episode(s.providerA.id, { customerType, language: 'en' })] },
  })
  expect(res.status, JSON.stringify(res.data)).toBe(201)
  return res.data.episodes[0].invitation as { id: string; token: string; surveyId: string; surveyVersion: number }
}

// An invitation issued before v2 was published: the catalog had only v1 then.
async function issuedUnderV1(invitationId: string) {
  await env.DB.prepare('UPDATE invitations SET survey_version = 1 WHERE id = ?1').bind(invitationId).run()
}

const responseRow = (id: string) =>
  env.DB.prepare(
    'SELECT survey_version, scored_total, scored_answered, quality_index FROM responses WHERE invitation_id = ?1',
  )
    .bind(id)
    .first()

describe('survey versions', () => {
  it('gives new invitations the latest version of each survey', async () => {
    const s = await setupProgramme()
    const company = await invite(s, 'company')
    const jobseeker = await invite(s, 'jobseeker')
    expect([company.surveyId, company.surveyVersion]).toEqual(['cx-company', 2])
    expect([jobseeker.surveyId, jobseeker.surveyVersion]).toEqual(['cx-jobseeker', 2])
    const read = await call('GET', `/api/v1/respond/${company.token}`)
    expect(read.data).toMatchObject({ surveyId: 'cx-company', version: 2 })
    expect(read.data.definition).toEqual(findVersion('cx-company', 2)!.definition)
  })

  it('keeps an invitation issued under v1 on v1: its wording, its answers, its scoring', async () => {
    const s = await setupProgramme()
    const inv = await invite(s)
    await issuedUnderV1(inv.id)
    const read = await call('GET', `/api/v1/respond/${inv.token}`)
    expect(read.data).toMatchObject({ surveyId: 'cx-company', version: 1 })
    expect(read.data.definition).toEqual(findVersion('cx-company', 1)!.definition)
    const page = await call('GET', `/s/${inv.token}?lang=en&page=1`)
    expect(page.data).toContain('We have hired an employee or made a job offer')
    expect(page.data).not.toContain('we have decided whether or not to recruit')

    const done = await call('PUT', `/api/v1/respond/${inv.token}`, { json: { answers: ANSWERS, complete: true } })
    expect(done.status, JSON.stringify(done.data)).toBe(200)
    // v1 scoring: the top point of recruitment_decision ("hired") scores 100 like any top point;
    // 100, 66.67, cannot say, 33.33, 100 -> 75
    const row = await responseRow(inv.id)
    expect(row).toMatchObject({ survey_version: 1, scored_total: 5, scored_answered: 4 })
    expect(row!.quality_index).toBeCloseTo(75, 10)
  })

  it('counts item statistics per series, so v1 "hired" answers never pool with v2 decision answers', async () => {
    const s = await setupProgramme()
    const old = await invite(s)
    await issuedUnderV1(old.id)
    const current = await invite(s)
    for (const inv of [old, current]) {
      const res = await call('PUT', `/api/v1/respond/${inv.token}`, { json: { answers: ANSWERS, complete: true } })
      expect(res.status, JSON.stringify(res.data)).toBe(200)
    }
    expect((await responseRow(current.id))!.survey_version).toBe(2)
    type Stats = Array<{
      surveyId: string
      surveyVersion: number
      completed: number
      items: Array<{ item: string; counts: number[] }>
    }>
    // v1 and v2 are different series: each read shows one of them (v2 by default) and names the other.
    for (const [query, version, other] of [
      ['', 2, 1],
      ['&series=cx-company@1', 1, 2],
    ] as const) {
      const res = await call(
        'GET',
        `/api/v1/programmes/${s.programme.id}/diagnostics?from=2026-02-01&to=2026-02-28${query}`,
        { key: s.procurerKey },
      )
      expect(res.status, JSON.stringify(res.data)).toBe(200)
      expect(res.data.series).toEqual([
        { surveyId: 'cx-company', from: version, versions: [version], invited: 1, answers: 1 },
      ])
      expect(res.data.otherSeries).toEqual([
        { surveyId: 'cx-company', from: other, versions: [other], invited: 1, answers: 1 },
      ])
      const stats = res.data.programme.itemStatistics as Stats
      expect(stats.map((v) => [v.surveyId, v.surveyVersion, v.completed])).toEqual([['cx-company', version, 1]])
      expect(stats[0].items.find((i) => i.item === 'recruitment_decision')?.counts).toEqual([0, 0, 0, 1])
    }
  })

  it('lists every version of each survey and serves the latest by default', async () => {
    const list = await call('GET', '/api/v1/surveys')
    expect(
      list.data.surveys.map((x: { id: string; version: number; versions: number[] }) => [x.id, x.version, x.versions]),
    ).toEqual([
      ['cx-company', 2, [1, 2]],
      ['cx-jobseeker', 2, [1, 2]],
      ['outcome-followup', 1, [1]],
    ])
    expect((await call('GET', '/api/v1/surveys/cx-jobseeker')).data.version).toBe(2)
    const v1 = await call('GET', '/api/v1/surveys/cx-jobseeker/versions/1')
    expect(v1.data.definition).toEqual(findVersion('cx-jobseeker', 1)!.definition)
  })
})
