// One round trip per answer (issue 16): after a page view the isolate keeps the invitation's context and a
// save or completion is one guarded D1 batch. These tests count the round trips on the real binding, show
// that a stale cache entry stores nothing and answers as without the cache, and compare random
// interleavings through the cache with the same steps through a freshly read session.
import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { answerSurvey, declineSurvey } from '../src/app/answer-survey.ts'
import type { Delivery, Deps } from '../src/app/deps.ts'
import { importEpisodes } from '../src/app/import-episodes.ts'
import { addProvider, createProgramme } from '../src/app/programmes.ts'
import { reissueInvitation } from '../src/app/reissue-invitation.ts'
import { openSession, type Session, withSession } from '../src/app/respondent-session.ts'
import { getEpisode } from '../src/db/episodes.ts'
import { completeResponse, declineInvitation, type ResponseWrite, saveProgress } from '../src/db/responses.ts'
import { scoreResponse } from '../src/domain/response-score.ts'
import { ApiError } from '../src/http/errors.ts'
import { createProgrammeSchema } from '../src/schemas/programmes.ts'
import { type Answers, surveyRuntime } from '../src/surveys/runtime.ts'
import { countingD1 } from './counted-d1.ts'
import { call, unique } from './helpers.ts'

const admin = { role: 'admin', keyId: null } as const
const delivery: Delivery = { origin: 'https://laatu.example.fi', reminderDays: 7, linkSecret: 'test-link-secret' }

const PAGE1 = { need_clarity: 4, employer_obligations: 3, recruitment_plan: 'dontknow' }
const PAGE2 = { candidate_channels: 2, recruitment_decision: 4, use_again: 'same_provider' }
const ALL: Answers = { ...PAGE1, ...PAGE2 }
const OTHER: Answers = { ...ALL, need_clarity: 1, employer_obligations: 1 }

/** A clock that stands still until moved; `counter` counts the D1 round trips made through `deps.db`. */
function world(start = '2027-03-01T08:00:00.000Z') {
  let now = start
  const counter = { n: 0 }
  const deps: Deps = { db: countingD1(env.DB, counter), now: () => now }
  return {
    deps,
    counter,
    now: () => now,
    set: (iso: string) => {
      now = iso
    },
    /** Round trips made by `f`. */
    async trips<T>(f: () => Promise<T>): Promise<{ value: T; trips: number }> {
      const before = counter.n
      const value = await f()
      return { value, trips: counter.n - before }
    },
  }
}

/** A programme with `count` fresh invitations (company survey cx-company v2). */
async function invitations(deps: Deps, count: number) {
  const body = createProgrammeSchema.parse({
    name: unique('Cache'),
    region: 'Lappi',
    surveys: { company: 'cx-company', jobseeker: 'cx-jobseeker' },
    feeRule: { currency: 'EUR', components: [{ type: 'base', perClient: 100 }] },
  })
  const programme = await createProgramme(deps, admin, body, 30)
  const provider = await addProvider(deps, programme, { name: unique('Provider') })
  const episodes = Array.from({ length: count }, () => ({
    providerId: provider.id,
    customerType: 'company' as const,
    externalRef: unique('C'),
    startedOn: '2027-01-10',
    endedOn: '2027-02-20',
    language: 'fi' as const,
  }))
  const imported = await importEpisodes(deps, delivery, programme, episodes, admin)
  return imported.episodes.map((e) => ({ token: e.link!.token, invitationId: e.invitation!.id, episodeId: e.id }))
}

/** What another isolate (one without this cache entry) writes: the same db functions, no cache involved. */
function elsewhereWrite(invitationId: string, answers: Answers, at: string): ResponseWrite {
  const runtime = surveyRuntime('cx-company', 2)!
  return {
    invitationId,
    surveyId: 'cx-company',
    surveyVersion: 2,
    language: 'fi',
    answers,
    score: scoreResponse(runtime.scored, answers),
    netHash: null,
    at,
  }
}

async function stored(invitationId: string) {
  const response = await env.DB.prepare(
    `SELECT answers, completed, language, scored_total, scored_answered, quality_index, updated_at, completed_at
     FROM responses WHERE invitation_id = ?1`,
  )
    .bind(invitationId)
    .first()
  const items = await env.DB.prepare(
    'SELECT item, position, points FROM response_items WHERE invitation_id = ?1 ORDER BY item',
  )
    .bind(invitationId)
    .all()
  const invitation = await env.DB.prepare(
    'SELECT status, opened_at, started_at, completed_at, declined_at, expires_at, reissues FROM invitations WHERE id = ?1',
  )
    .bind(invitationId)
    .first()
  return { response, items: items.results, invitation }
}

const answer = (w: ReturnType<typeof world>, token: string, answers: Answers, complete: boolean) =>
  withSession(w.deps, token, (s) => answerSurvey(w.deps, s, { answers, complete }, null))

/** An error as the client sees it: status and code. */
async function outcome<T>(f: () => Promise<T>): Promise<{ ok: T } | { status: number; code: string; message: string }> {
  try {
    return { ok: await f() }
  } catch (err) {
    if (!(err instanceof ApiError)) throw err
    return { status: err.status, code: err.code, message: err.message }
  }
}

describe('one round trip per answer', () => {
  it('after a page view, saves and the completion are one D1 batch each and store the answers', async () => {
    const w = world()
    const [a, b] = await invitations(w.deps, 2)
    await openSession(w.deps, a.token, { markOpen: true })

    const save = await w.trips(() => answer(w, a.token, PAGE1, false))
    expect(save).toMatchObject({ trips: 1, value: { status: 'open', answers: PAGE1 } })
    w.set('2027-03-01T08:05:00.000Z')
    const save2 = await w.trips(() => answer(w, a.token, { ...PAGE1, candidate_channels: 3 }, false))
    expect(save2.trips).toBe(1)
    expect(JSON.parse((await stored(a.invitationId)).response!.answers as string)).toEqual({
      ...PAGE1,
      candidate_channels: 3,
    })
    w.set('2027-03-01T08:10:00.000Z')
    const done = await w.trips(() => answer(w, a.token, ALL, true))
    expect(done).toMatchObject({ trips: 1, value: { status: 'completed', idempotent: false } })
    const after = await stored(a.invitationId)
    expect(after.response).toMatchObject({ completed: 1, completed_at: '2027-03-01T08:10:00.000Z' })
    expect(JSON.parse(after.response!.answers as string)).toEqual(ALL)
    expect(after.items).toHaveLength(5)
    expect(after.invitation).toMatchObject({ status: 'completed', started_at: '2027-03-01T08:00:00.000Z' })
    // The same completion again reads the finished invitation (not cached) and is a harmless repeat.
    const again = await w.trips(() => answer(w, a.token, ALL, true))
    expect(again).toMatchObject({ trips: 1, value: { idempotent: true } })
    expect((await stored(a.invitationId)).items).toHaveLength(5)

    // Without a page view the first save reads first (two round trips, as before); it fills the cache.
    expect((await w.trips(() => answer(w, b.token, PAGE1, false))).trips).toBe(2)
    expect((await w.trips(() => answer(w, b.token, ALL, true))).trips).toBe(1)
    expect((await stored(b.invitationId)).invitation).toMatchObject({ status: 'completed' })
  })

  it('a decline after a page view is one round trip', async () => {
    const w = world()
    const [a] = await invitations(w.deps, 1)
    await openSession(w.deps, a.token, { markOpen: true })
    const declined = await w.trips(() => withSession(w.deps, a.token, (s) => declineSurvey(w.deps, s)))
    expect(declined.trips).toBe(1)
    expect((await stored(a.invitationId)).invitation).toMatchObject({ status: 'declined' })
  })

  // Each case: the page view fills the cache, then the invitation changes where this isolate cannot see it.
  const stale: Array<{
    name: string
    change: (w: ReturnType<typeof world>, a: { invitationId: string; episodeId: string }) => Promise<void>
    expected: { status: number; code?: string } | { ok: { idempotent: boolean } }
    /** 2: the guarded batch missed, then the fresh read answered; 1: the cache's own clock saw the expiry. */
    trips: number
  }> = [
    {
      name: 'declined',
      change: async (w, a) => void (await declineInvitation(env.DB, w.now(), { invitationId: a.invitationId })),
      expected: { status: 409, code: 'declined' },
      trips: 2,
    },
    {
      name: 'expired',
      change: async (w) => w.set('2027-04-01T08:00:00.000Z'),
      expected: { status: 410 },
      trips: 1,
    },
    {
      name: 'expired by its row (the cache still says it is valid)',
      change: async (_, a) =>
        void (await env.DB.prepare("UPDATE invitations SET expires_at = '2027-03-01T08:00:30.000Z' WHERE id = ?1")
          .bind(a.invitationId)
          .run()),
      expected: { status: 410 },
      trips: 2,
    },
    {
      name: 're-issued',
      change: async (w, a) =>
        void (await reissueInvitation(
          { db: env.DB, now: w.now },
          delivery,
          (await getEpisode(env.DB, a.episodeId))!,
          false,
        )),
      expected: { status: 404 },
      trips: 2,
    },
    {
      name: 'completed elsewhere with other answers',
      change: async (w, a) =>
        void (await completeResponse(env.DB, elsewhereWrite(a.invitationId, OTHER, w.now()), {
          invitationId: a.invitationId,
        })),
      expected: { status: 409, code: 'already_completed' },
      trips: 2,
    },
    {
      name: 'completed elsewhere with the same answers',
      change: async (w, a) =>
        void (await completeResponse(env.DB, elsewhereWrite(a.invitationId, ALL, w.now()), {
          invitationId: a.invitationId,
        })),
      expected: { ok: { idempotent: true } },
      trips: 2,
    },
  ]
  for (const c of stale)
    it(`a completion through a stale cache entry (${c.name}) stores nothing and answers as without the cache`, async () => {
      const w = world()
      const [a] = await invitations(w.deps, 1)
      await openSession(w.deps, a.token, { markOpen: true })
      w.set('2027-03-01T08:01:00.000Z')
      await c.change(w, a)
      const before = await stored(a.invitationId)
      const got = await w.trips(() => outcome(() => answer(w, a.token, ALL, true)))
      expect(got.trips).toBe(c.trips)
      expect(got.value).toMatchObject(c.expected)
      expect(await stored(a.invitationId)).toEqual(before)
      // The entry is gone: the next request reads first.
      const next = await w.trips(() => outcome(() => answer(w, a.token, ALL, true)))
      expect(next.trips).toBe(1)
      expect(next.value).toMatchObject(c.expected)
    })

  it('a save through the cache builds on answers saved elsewhere meanwhile, not on the cached ones', async () => {
    const w = world()
    const [a] = await invitations(w.deps, 1)
    await answer(w, a.token, { need_clarity: 2 }, false)
    w.set('2027-03-01T08:01:00.000Z')
    await saveProgress(
      env.DB,
      elsewhereWrite(a.invitationId, { need_clarity: 3, use_again: 'same_provider' }, w.now()),
      {
        invitationId: a.invitationId,
      },
    )
    w.set('2027-03-01T08:02:00.000Z')
    // Like the form: this page's answers over the session's saved ones.
    const merged = await w.trips(() =>
      withSession(w.deps, a.token, (s: Session) =>
        answerSurvey(w.deps, s, { answers: { ...s.answers, employer_obligations: 3 }, complete: false }, null),
      ),
    )
    expect(merged.trips).toBe(3) // the missed batch, the read, the save
    expect(merged.value.answers).toEqual({ need_clarity: 3, use_again: 'same_provider', employer_obligations: 3 })
    expect(JSON.parse((await stored(a.invitationId)).response!.answers as string)).toEqual(merged.value.answers)
  })
})

describe('through the routes, with a stale cache entry', () => {
  async function invite() {
    const [a] = await invitations({ db: env.DB, now: () => new Date().toISOString() }, 1)
    return a
  }

  it('a PUT completion after a decline elsewhere is 409 declined and stores nothing', async () => {
    const a = await invite()
    expect((await call('GET', `/api/v1/respond/${a.token}`)).status).toBe(200)
    await declineInvitation(env.DB, new Date().toISOString(), { invitationId: a.invitationId })
    const put = await call('PUT', `/api/v1/respond/${a.token}`, { json: { answers: ALL, complete: true } })
    expect(put.status).toBe(409)
    expect(put.data.error.code).toBe('declined')
    expect((await stored(a.invitationId)).response).toBeNull()
  })

  it('a PUT after a re-issue is 404 on the old link; the new link answers', async () => {
    const a = await invite()
    await call('GET', `/api/v1/respond/${a.token}`)
    const re = await reissueInvitation(
      { db: env.DB, now: () => new Date().toISOString() },
      delivery,
      (await getEpisode(env.DB, a.episodeId))!,
      false,
    )
    const old = await call('PUT', `/api/v1/respond/${a.token}`, { json: { answers: ALL, complete: true } })
    expect(old.status).toBe(404)
    expect((await stored(a.invitationId)).response).toBeNull()
    const fresh = await call('PUT', `/api/v1/respond/${re.token}`, { json: { answers: ALL, complete: true } })
    expect(fresh.data).toMatchObject({ status: 'completed', idempotent: false })
  })

  it('the form completes through the cache with the answers saved elsewhere on the earlier page', async () => {
    const a = await invite()
    const form = (fields: Record<string, string>) => ({
      body: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect((await call('GET', `/s/${a.token}?lang=en&page=1`)).status).toBe(200)
    const other = { need_clarity: 1, employer_obligations: 2, recruitment_plan: 'dontknow' }
    await saveProgress(env.DB, elsewhereWrite(a.invitationId, other, new Date().toISOString()), {
      invitationId: a.invitationId,
    })
    const fields = Object.fromEntries(Object.entries(PAGE2).map(([k, v]) => [k, String(v)]))
    const posted = await call('POST', `/s/${a.token}`, form({ lang: 'en', page: '1', action: 'complete', ...fields }))
    expect(posted.status).toBe(303)
    const after = await stored(a.invitationId)
    expect(JSON.parse(after.response!.answers as string)).toEqual({ ...other, ...PAGE2 })
    expect(after.invitation).toMatchObject({ status: 'completed' })
  })

  it('a form post after the link expired shows the expired page (410) and stores nothing', async () => {
    const a = await invite()
    await call('GET', `/s/${a.token}?lang=en`)
    await env.DB.prepare("UPDATE invitations SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id = ?1")
      .bind(a.invitationId)
      .run()
    const fields = Object.fromEntries(Object.entries(PAGE1).map(([k, v]) => [k, String(v)]))
    const posted = await call('POST', `/s/${a.token}`, {
      body: new URLSearchParams({ lang: 'en', page: '0', action: 'next', ...fields }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(posted.status).toBe(410)
    expect((await stored(a.invitationId)).response).toBeNull()
  })
})

// Random interleavings: the same steps on two invitations, one answered through withSession with the cache
// warm (page views fill it), the other through a freshly read session each time (the path without a
// cache). Writes "elsewhere" stand for another isolate: they go to the database without this cache.
type Step =
  | { kind: 'view' }
  | { kind: 'save' | 'complete' | 'page' | 'elsewhereSave' | 'elsewhereComplete'; answers: number }
  | { kind: 'decline' | 'elsewhereDecline' | 'reissue' | 'expire' | 'oldLink' }

const POOL: Answers[] = [ALL, OTHER, PAGE1, { need_clarity: 2 }, {}, { need_clarity: 9 }, { ...PAGE2, need_clarity: 3 }]
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'view' as const }) },
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constantFrom('save' as const, 'complete' as const, 'page' as const),
      answers: fc.nat(POOL.length - 1),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constantFrom('elsewhereSave' as const, 'elsewhereComplete' as const),
      answers: fc.nat(POOL.length - 1),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      { kind: 'decline' as const },
      { kind: 'elsewhereDecline' as const },
      { kind: 'reissue' as const },
      { kind: 'expire' as const },
      { kind: 'oldLink' as const },
    ),
  },
)

type Link = { token: string; old: string[]; invitationId: string; episodeId: string }

/** One step on one link; `cached` answers through withSession (the cache), otherwise through a fresh read. */
async function apply(w: ReturnType<typeof world>, link: Link, st: Step, cached: boolean) {
  const { deps } = w
  const run = <T>(token: string, f: (s: Session) => Promise<T>) =>
    cached ? withSession(deps, token, f) : openSession(deps, token, { markOpen: false }).then(f)
  const at = w.now()
  switch (st.kind) {
    case 'view':
      return outcome(async () => (await openSession(deps, link.token, { markOpen: true })).status)
    case 'save':
    case 'complete':
      return outcome(() =>
        run(link.token, (s) =>
          answerSurvey(deps, s, { answers: POOL[st.answers], complete: st.kind === 'complete' }, null),
        ),
      )
    case 'page':
      // The form: this page's answers over those saved, moving forward (the page is checked).
      return outcome(() =>
        run(link.token, (s) =>
          answerSurvey(
            deps,
            s,
            {
              answers: { ...s.answers, ...POOL[st.answers] },
              complete: false,
              page: { index: 0, forward: true, shown: null },
            },
            null,
          ),
        ),
      )
    case 'decline':
      return outcome(() => run(link.token, (s) => declineSurvey(deps, s)))
    case 'oldLink':
      return outcome(() =>
        run(link.old.at(-1) ?? 'never-issued', (s) => answerSurvey(deps, s, { answers: ALL, complete: true }, null)),
      )
    case 'elsewhereSave':
    case 'elsewhereComplete':
    case 'elsewhereDecline': {
      // Another isolate checks the expiry before it writes; its answers passed the survey's rules.
      const row = (await stored(link.invitationId)).invitation!
      if (at >= (row.expires_at as string)) return null
      const invitationId = link.invitationId
      if (st.kind === 'elsewhereDecline') return declineInvitation(env.DB, at, { invitationId })
      if (st.kind === 'elsewhereSave')
        return saveProgress(env.DB, elsewhereWrite(invitationId, POOL[st.answers % 4], at), { invitationId })
      if (st.kind === 'elsewhereComplete')
        return completeResponse(env.DB, elsewhereWrite(invitationId, POOL[st.answers % 2], at), { invitationId })
      return null
    }
    case 'reissue':
      return outcome(async () => {
        const re = await reissueInvitation(
          { db: env.DB, now: w.now },
          delivery,
          (await getEpisode(env.DB, link.episodeId))!,
          false,
        )
        link.old.push(link.token)
        link.token = re.token
        return re.invitation.expiresAt
      })
    case 'expire':
      w.set(new Date(Date.parse(at) + 31 * 86_400_000).toISOString())
      return null
  }
}

/** What is stored for a link, without its ids. */
const snapshot = async (link: Link) => {
  const s = await stored(link.invitationId)
  return { ...s, response: s.response && { ...s.response, answers: JSON.parse(s.response.answers as string) } }
}

describe('random interleavings with the cache warm', () => {
  it('store exactly what the path without a cache stores, and nothing for a closed invitation', async () => {
    let oneTrip = 0
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        const w = world()
        const [a, b] = await invitations(w.deps, 2)
        const withCache: Link = { ...a, old: [] }
        const without: Link = { ...b, old: [] }
        for (const st of steps) {
          w.set(new Date(Date.parse(w.now()) + 60_000).toISOString())
          const before = await snapshot(withCache)
          const closed = before.invitation!.status !== 'open' || w.now() >= (before.invitation!.expires_at as string)
          const t0 = w.counter.n
          const got = await apply(w, withCache, st, true)
          const trips = w.counter.n - t0
          const want = await apply(w, without, st, false)
          expect(got, JSON.stringify(st)).toEqual(want)
          const after = await snapshot(withCache)
          expect(after).toEqual(await snapshot(without))
          if (closed && !st.kind.startsWith('elsewhere')) expect(after.response).toEqual(before.response)
          if (
            (st.kind === 'save' || st.kind === 'complete' || st.kind === 'page') &&
            trips === 1 &&
            'ok' in (got as object)
          )
            oneTrip++
        }
      }),
      { numRuns: 40 },
    )
    // The cache was really used: many writes took one round trip.
    expect(oneTrip).toBeGreaterThan(20)
  }, 300_000)
})
