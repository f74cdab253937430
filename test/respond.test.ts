import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { call, episode, type Issue, type Survey, setupProgramme } from './helpers.ts'

const PAGE1 = { need_clarity: 4, employer_obligations: 3, recruitment_plan: 'dontknow' }
const PAGE2 = { candidate_channels: 2, recruitment_decision: 4, use_again: 'same_provider' }
const ALL = { ...PAGE1, ...PAGE2 }

/** A fresh invitation; returns its token and ids. */
async function invite(over: Record<string, unknown> = {}) {
  const s = await setupProgramme()
  const res = await call('POST', `/api/v1/programmes/${s.programme.id}/episodes`, {
    key: s.procurerKey,
    json: { episodes: [episode(s.providerA.id, over)] },
  })
  const e = res.data.episodes[0]
  return {
    ...s,
    token: e.invitation.token as string,
    invitationId: e.invitation.id as string,
    episodeId: e.id as string,
  }
}

type InvitationRow = {
  status: string
  opened_at: string | null
  started_at: string | null
  completed_at: string | null
  declined_at: string | null
}
type ResponseRow = { answers: string; quality_index: number | null }

const invitationRow = async (id: string) =>
  (await env.DB.prepare('SELECT * FROM invitations WHERE id = ?1').bind(id).first<InvitationRow>())!
const responseRow = (id: string) =>
  env.DB.prepare('SELECT * FROM responses WHERE invitation_id = ?1').bind(id).first<ResponseRow>()

describe('respondent API', () => {
  it('opens a link: status, definition and the opening timestamp', async () => {
    const { token, invitationId } = await invite({ language: 'sv' })
    expect((await invitationRow(invitationId)).opened_at).toBeNull()
    const res = await call('GET', `/api/v1/respond/${token}`)
    expect(res.status).toBe(200)
    expect(res.data).toMatchObject({ surveyId: 'cx-company', version: 2, language: 'sv', status: 'open', answers: {} })
    expect(res.data.definition.pages).toHaveLength(2)
    expect((await invitationRow(invitationId)).opened_at).toEqual(expect.any(String))
    expect((await call('GET', '/api/v1/respond/not-a-token')).status).toBe(404)
  })

  it('saves progress, which survives to the next visit, and stamps the first answer', async () => {
    const { token, invitationId } = await invite()
    const res = await call('PUT', `/api/v1/respond/${token}`, {
      json: { answers: { need_clarity: '2' }, complete: false },
    })
    expect(res.status).toBe(200)
    expect(res.data).toMatchObject({ status: 'open', answers: { need_clarity: 2 } })
    expect((await invitationRow(invitationId)).started_at).toEqual(expect.any(String))
    expect((await call('GET', `/api/v1/respond/${token}`)).data.answers).toEqual({ need_clarity: 2 })
    const row = await responseRow(invitationId)
    expect(row).toMatchObject({ completed: 0, quality_index: null, scored_total: 5, scored_answered: 1 })
  })

  it('refuses an unknown question, a value off the scale and a wrong type, naming each question, and stores nothing', async () => {
    const { token, invitationId } = await invite()
    const res = await call('PUT', `/api/v1/respond/${token}`, {
      json: { answers: { shoe_size: 42, need_clarity: 5, comment: 7 }, complete: false },
    })
    expect(res.status).toBe(422)
    expect(res.data.error.issues.map((i: Issue) => i.path).sort()).toEqual([
      'answers.comment',
      'answers.need_clarity',
      'answers.shoe_size',
    ])
    expect(await responseRow(invitationId)).toBeNull()
    const shape = await call('PUT', `/api/v1/respond/${token}`, { json: { answers: [], complete: 'yes' } })
    expect(shape.status).toBe(422)
    expect(shape.data.error.issues.map((i: Issue) => i.path).sort()).toEqual(['answers', 'complete'])
  })

  it('refuses a completion with a required answer missing, in the chosen language', async () => {
    const { token } = await invite()
    const res = await call('PUT', `/api/v1/respond/${token}`, {
      json: { answers: PAGE1, complete: true, language: 'en' },
    })
    expect(res.status).toBe(422)
    const paths = res.data.error.issues.map((i: Issue) => i.path)
    expect(paths).toEqual(['answers.candidate_channels', 'answers.recruitment_decision'])
    expect(res.data.error.issues[0]).toMatchObject({ path: 'answers.candidate_channels' })
    expect(res.data.error.issues[0].message).toMatch(/^response required/i)
  })

  it('completes once: scores, item rows, timestamps; the same completion again is 200, another is 409', async () => {
    const { token, invitationId } = await invite()
    const res = await call('PUT', `/api/v1/respond/${token}`, { json: { answers: ALL, complete: true } })
    expect(res.status).toBe(200)
    expect(res.data).toMatchObject({ status: 'completed', idempotent: false })
    // need_clarity 4/4 -> 100, employer_obligations 3/4 -> 66.67, recruitment_plan cannot say (left out),
    // candidate_channels 2/4 -> 33.33, recruitment_decision 4/4 -> 100: mean of four = 75
    const row = await responseRow(invitationId)
    expect(row).toMatchObject({ completed: 1, scored_total: 5, scored_answered: 4, all_top: 0 })
    expect(row!.quality_index).toBeCloseTo(75, 10)
    const items = await env.DB.prepare(
      'SELECT item, position, points FROM response_items WHERE invitation_id = ?1 ORDER BY item',
    )
      .bind(invitationId)
      .all()
    expect(items.results).toEqual([
      { item: 'candidate_channels', position: 2, points: 4 },
      { item: 'employer_obligations', position: 3, points: 4 },
      { item: 'need_clarity', position: 4, points: 4 },
      { item: 'recruitment_decision', position: 4, points: 4 },
      { item: 'recruitment_plan', position: null, points: 4 },
    ])
    const inv = await invitationRow(invitationId)
    expect(inv).toMatchObject({ status: 'completed' })
    expect(inv.completed_at).toEqual(expect.any(String))

    const again = await call('PUT', `/api/v1/respond/${token}`, { json: { answers: { ...ALL }, complete: true } })
    expect(again.status).toBe(200)
    expect(again.data.idempotent).toBe(true)
    const other = await call('PUT', `/api/v1/respond/${token}`, {
      json: { answers: { ...ALL, need_clarity: 1 }, complete: true },
    })
    expect(other.status).toBe(409)
    const late = await call('PUT', `/api/v1/respond/${token}`, {
      json: { answers: { need_clarity: 1 }, complete: false },
    })
    expect(late.status).toBe(409)
    expect((await responseRow(invitationId))!.answers).toBe(JSON.stringify(ALL))
    // A completed link returns its status only: never the answers, the comment or the survey again
    expect((await call('GET', `/api/v1/respond/${token}`)).data).toEqual({ status: 'completed' })
    const count = await env.DB.prepare('SELECT COUNT(*) AS n FROM response_items WHERE invitation_id = ?1')
      .bind(invitationId)
      .first<{ n: number }>()
    expect(count!.n).toBe(5)
  })

  it('follows the survey conditions: a hidden question is dropped on completion', async () => {
    const { token, invitationId } = await invite()
    const shown = await call('PUT', `/api/v1/respond/${token}`, {
      json: { answers: { ...ALL, missing_from_service: 'More candidates', comment: 'Good' }, complete: true },
    })
    expect(shown.status).toBe(200)
    expect(shown.data.answers).not.toHaveProperty('missing_from_service') // use_again = same_provider hides it
    expect(JSON.parse((await responseRow(invitationId))!.answers)).toMatchObject({ comment: 'Good' })
    const second = await invite()
    const kept = await call('PUT', `/api/v1/respond/${second.token}`, {
      json: { answers: { ...ALL, use_again: 'no_service', missing_from_service: 'More candidates' }, complete: true },
    })
    expect(kept.data.answers.missing_from_service).toBe('More candidates')
  })

  it('scores all-top answers and leaves out the index when fewer than half are answered', async () => {
    const top = await invite()
    await call('PUT', `/api/v1/respond/${top.token}`, {
      json: {
        answers: {
          need_clarity: 4,
          employer_obligations: 4,
          recruitment_plan: 4,
          candidate_channels: 4,
          recruitment_decision: 4,
          use_again: 'same_provider',
        },
        complete: true,
      },
    })
    expect(await responseRow(top.invitationId)).toMatchObject({ quality_index: 100, all_top: 1 })
    const few = await invite()
    await call('PUT', `/api/v1/respond/${few.token}`, {
      json: {
        answers: {
          need_clarity: 4,
          employer_obligations: 'dontknow',
          recruitment_plan: 'dontknow',
          candidate_channels: 'dontknow',
          recruitment_decision: 3,
          use_again: 'same_provider',
        },
        complete: true,
      },
    })
    expect(await responseRow(few.invitationId)).toMatchObject({
      completed: 1,
      scored_answered: 2,
      quality_index: null,
      all_top: 0,
    })
  })

  it('records a decline; a declined survey cannot be answered, declining twice is harmless', async () => {
    const { token, invitationId } = await invite()
    expect((await call('POST', `/api/v1/respond/${token}/decline`)).status).toBe(200)
    const inv = await invitationRow(invitationId)
    expect(inv.status).toBe('declined')
    expect(inv.declined_at).toEqual(expect.any(String))
    expect((await call('POST', `/api/v1/respond/${token}/decline`)).status).toBe(200)
    const put = await call('PUT', `/api/v1/respond/${token}`, { json: { answers: ALL, complete: true } })
    expect(put.status).toBe(409)
    expect(put.data.error.code).toBe('declined')
    expect((await call('GET', `/api/v1/respond/${token}`)).data).toEqual({ status: 'declined' })

    const done = await invite()
    await call('PUT', `/api/v1/respond/${done.token}`, { json: { answers: ALL, complete: true } })
    expect((await call('POST', `/api/v1/respond/${done.token}/decline`)).status).toBe(409)
  })

  it('answers 410 for an expired link', async () => {
    const { token, invitationId } = await invite()
    await env.DB.prepare("UPDATE invitations SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id = ?1")
      .bind(invitationId)
      .run()
    expect((await call('GET', `/api/v1/respond/${token}`)).data.status).toBe('expired')
    expect((await call('PUT', `/api/v1/respond/${token}`, { json: { answers: PAGE1 } })).status).toBe(410)
    expect((await call('POST', `/api/v1/respond/${token}/decline`)).status).toBe(410)
    const page = await call('GET', `/s/${token}?lang=fi`)
    expect(page.status).toBe(410)
    expect(page.data).toContain('Linkki oli voimassa 1.1.2020 asti.')
    expect((await call('GET', `/s/${token}?lang=sv`)).data).toContain('Länken gällde till 1.1.2020.')
    expect((await call('GET', `/s/${token}?lang=en`)).data).toContain('The link was valid until 1 January 2020.')
  })

  it('stores a completion raced by a retry exactly once', async () => {
    const { token, invitationId } = await invite()
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        call('PUT', `/api/v1/respond/${token}`, { json: { answers: ALL, complete: true } }),
      ),
    )
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
    expect(results.filter((r) => r.data.idempotent === false)).toHaveLength(1)
    const n = await env.DB.prepare('SELECT COUNT(*) AS n FROM response_items WHERE invitation_id = ?1')
      .bind(invitationId)
      .first<{ n: number }>()
    expect(n!.n).toBe(5)
  })
})

describe('survey page (no JavaScript needed)', () => {
  const form = (fields: Record<string, string>) => ({
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  })

  it('renders the first page in the invitation language as semantic HTML with a language switch', async () => {
    const { token } = await invite({ language: 'sv' })
    const res = await call('GET', `/s/${token}`)
    expect(res.status).toBe(200)
    const html = res.data as string
    expect(html).toMatch(/^<!doctype html><html lang="sv">/)
    expect(html).toContain('<fieldset id="q-need_clarity"')
    expect(html).toContain('<legend>Vilket påstående beskriver ditt företags rekryteringsbehov nu?')
    expect(html).toContain('<input type="radio" id="need_clarity-0" name="need_clarity" value="1"/>')
    expect(html).toContain('Kan inte säga / gäller inte oss')
    expect(html).toContain('hreflang="fi"')
    expect(html).toContain('<script src="/survey.js" defer=""></script>')
    expect(html).toContain('Vem ser dina svar')
    expect(html).not.toMatch(/<script>(?!<\/script>)/) // no inline script
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(res.headers.get('cache-control')).toBe('no-store')
    const en = await call('GET', `/s/${token}?lang=en`)
    expect(en.data).toContain('<html lang="en">')
    expect(en.data).toContain('Who sees your answers')
  })

  it('walks page by page with form posts, shows errors next to the question, and completes', async () => {
    const { token, invitationId } = await invite({ language: 'fi' })
    const missing = await call(
      'POST',
      `/s/${token}`,
      form({ page: '0', lang: 'fi', action: 'next', need_clarity: '3' }),
    )
    expect(missing.status).toBe(422)
    expect(missing.data).toContain('class="error-summary"')
    expect(missing.data).toContain('id="employer_obligations-error"')
    expect(missing.data).toContain('value="3" checked=""') // the given answer is kept

    const next = await call(
      'POST',
      `/s/${token}`,
      form({
        page: '0',
        lang: 'fi',
        action: 'next',
        ...Object.fromEntries(Object.entries(PAGE1).map(([k, v]) => [k, String(v)])),
      }),
    )
    expect(next.status).toBe(303)
    expect(next.headers.get('location')).toBe(`/s/${token}?lang=fi&page=1`)
    const page2 = await call('GET', `/s/${token}?lang=fi&page=1`)
    expect(page2.data).toContain('Sivu 2 / 2')
    // resuming without a page number lands on the first unfinished page
    expect((await call('GET', `/s/${token}`)).data).toContain('Sivu 2 / 2')

    const done = await call(
      'POST',
      `/s/${token}`,
      form({
        page: '1',
        lang: 'fi',
        action: 'complete',
        candidate_channels: '2',
        recruitment_decision: '4',
        use_again: 'same_provider',
        comment: '',
      }),
    )
    expect(done.status).toBe(303)
    const thanks = await call('GET', `/s/${token}`)
    expect(thanks.data).toContain('Kiitos vastauksistasi')
    expect(JSON.parse((await responseRow(invitationId))!.answers)).toEqual(ALL)
  })

  it('shows a question revealed by an answer on the same page before moving on', async () => {
    const { token, invitationId } = await invite({ language: 'en' })
    await call('PUT', `/api/v1/respond/${token}`, { json: { answers: PAGE1 } })
    const page2 = {
      page: '1',
      lang: 'en',
      action: 'complete',
      candidate_channels: '2',
      recruitment_decision: '4',
      use_again: 'no_service',
    }
    const shownBefore = 'candidate_channels,recruitment_decision,use_again,comment'
    const again = await call('POST', `/s/${token}`, form({ ...page2, shown: shownBefore }))
    expect(again.status).toBe(200)
    expect(again.data).toContain('id="q-missing_from_service"')
    // ...says so at the top, where the page starts, with a link to the new question, and marks it
    expect(again.data).toMatch(
      /<div class="revealed-notice" role="status"><p>One more question appeared below, based on your answer\. <a href="#q-missing_from_service">Go to the new question<\/a>/,
    )
    expect(again.data).toMatch(/<div class="question" data-revealed="">\s*<label for="q-missing_from_service"/)
    expect(again.data.match(/data-revealed/g)).toHaveLength(1)
    for (const [lang, words] of [
      ['fi', 'Vastauksesi perusteella alle ilmestyi yksi kysymys lisää.'],
      ['sv', 'Utifrån ditt svar visas en fråga till nedan.'],
    ]) {
      const other = await call('POST', `/s/${token}`, form({ ...page2, lang, shown: shownBefore }))
      expect(other.data).toContain(words)
    }
    expect((await invitationRow(invitationId)).status).toBe('open')
    const done = await call(
      'POST',
      `/s/${token}`,
      form({ ...page2, shown: `${shownBefore},missing_from_service`, missing_from_service: 'Faster answers' }),
    )
    expect(done.status).toBe(303)
    expect(JSON.parse((await responseRow(invitationId))!.answers)).toMatchObject({
      use_again: 'no_service',
      missing_from_service: 'Faster answers',
    })
  })

  it('goes back without validating and declines from the page', async () => {
    const { token, invitationId } = await invite({ language: 'en' })
    const back = await call(
      'POST',
      `/s/${token}`,
      form({ page: '1', lang: 'en', action: 'back', candidate_channels: '1' }),
    )
    expect(back.status).toBe(303)
    expect(back.headers.get('location')).toBe(`/s/${token}?lang=en&page=0`)
    const declined = await call('POST', `/s/${token}`, form({ lang: 'en', action: 'decline' }))
    expect(declined.status).toBe(303)
    expect((await call('GET', `/s/${token}`)).data).toContain('Your choice has been recorded')
    expect((await invitationRow(invitationId)).status).toBe('declined')
  })

  it('answers an unknown link with a 404 page', async () => {
    const res = await call('GET', '/s/nope?lang=sv')
    expect(res.status).toBe(404)
    expect(res.data).toContain('Enkäten hittades inte')
  })
})

describe('survey definitions', () => {
  it('lists surveys and serves versions with their scored items', async () => {
    const list = await call('GET', '/api/v1/surveys')
    expect(list.data.surveys.map((s: Survey) => s.id)).toEqual(['cx-company', 'cx-jobseeker', 'outcome-followup'])
    const one = await call('GET', '/api/v1/surveys/cx-company')
    expect(one.data).toMatchObject({ id: 'cx-company', version: 2, languages: ['fi', 'sv', 'en'] })
    expect(one.data.scoredItems[0]).toEqual({ name: 'need_clarity', values: [1, 2, 3, 4], notApplicable: 'dontknow' })
    expect((await call('GET', '/api/v1/surveys/cx-company/versions/1')).data.version).toBe(1)
    expect((await call('GET', '/api/v1/surveys/cx-company/versions/9')).status).toBe(404)
    expect((await call('GET', '/api/v1/surveys/nope')).status).toBe(404)
  })
})
