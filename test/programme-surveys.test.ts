// Programmes use surveys stored in D1: an authored survey (written straight into the tables, as a published
// version) is mapped by customer type and service type, answered without JavaScript, scored and counted; a
// change of the map applies to invitations issued afterwards, and every response keeps its version.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { publishedRuntime } from '../src/surveys/published.ts'
import { ADMIN, call, episode, type Issue, setupProgramme, unique, validProgramme } from './helpers.ts'

type Texts = { fi: string; sv: string; en: string }
const tr = (fi: string, sv: string, en: string): Texts => ({ fi, sv, en })

/** A scored 4-point item in fi/sv/en, with "cannot say" outside the scale as the built-in surveys have it. */
const scoredItem = (name: string, title: Texts, anchors: Texts[]) => ({
  type: 'radiogroup',
  name,
  title,
  isRequired: true,
  scored: true,
  choices: anchors.map((text, k) => ({ value: k + 1, text })),
  showDontKnowItem: true,
  dontKnowText: tr('En osaa sanoa', 'Kan inte säga', 'Cannot say'),
  separateSpecialChoices: true,
})

const ITEMS = ['plan', 'financing', 'first_customer', 'registration']

/** An authored survey: four scored items (their wording marked with `tag`) and an optional free-text question. */
const definition = (tag: string) => ({
  locale: 'fi',
  title: tr(`Kysely ${tag}`, `Enkät ${tag}`, `Survey ${tag}`),
  pages: [
    {
      name: 'only',
      elements: [
        ...ITEMS.map((name) =>
          scoredItem(name, tr(`${tag} ${name}: tilanne nyt?`, `${tag} ${name}: läget nu?`, `${tag} ${name}: now?`), [
            tr('Ei aloitettu', 'Inte påbörjat', 'Not started'),
            tr('Luonnos tehty', 'Utkast gjort', 'Draft made'),
            tr('Valmis', 'Färdigt', 'Finished'),
            tr('Käytössä', 'I bruk', 'In use'),
          ]),
        ),
        { type: 'comment', name: 'feedback', title: tr('Palaute', 'Respons', 'Feedback') },
      ],
    },
  ],
})

/** A published version written as the authoring API will write it (the tables, not the API). */
async function publish(id: string, version: number, customerType: string, owner: string | null, tag = id) {
  const at = new Date().toISOString()
  if (version === 1) {
    await env.DB.prepare(
      `INSERT INTO surveys (id, title, customer_type, builtin, owner_programme_id, created_at) VALUES (?1, ?2, ?3, 0, ?4, ?5)`,
    )
      .bind(id, `Survey ${id}`, customerType, owner, at)
      .run()
  }
  await env.DB.prepare(
    `INSERT INTO survey_versions (survey_id, version, definition, comparable_to, series, published_at)
     VALUES (?1, ?2, ?3, NULL, ?2, ?4)`,
  )
    .bind(id, version, JSON.stringify(definition(tag)), at)
    .run()
}

const surveyId = (prefix: string) => unique(prefix).toLowerCase()

const form = (fields: Record<string, string>) => ({
  body: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
})

const itemAnswers = (points: ReadonlyArray<number | 'dontknow'>) =>
  Object.fromEntries(ITEMS.map((name, k) => [name, points[k]]))

const stored = (invitationId: string) =>
  env.DB.prepare(
    'SELECT survey_id, survey_version, quality_index, cannot_say, answers FROM responses WHERE invitation_id = ?1',
  )
    .bind(invitationId)
    .first<{ survey_id: string; survey_version: number; quality_index: number; cannot_say: number; answers: string }>()

type Invited = { id: string; token: string; surveyId: string; surveyVersion: number }

async function importEpisodes(pid: string, key: string, rows: unknown[]): Promise<Invited[]> {
  const res = await call('POST', `/api/v1/programmes/${pid}/episodes`, { key, json: { episodes: rows } })
  expect(res.status, JSON.stringify(res.data)).toBe(201)
  return res.data.episodes.map((e: { invitation: Invited }) => e.invitation)
}

describe('the survey map is checked against the published surveys', () => {
  it('refuses a missing survey, an unpublished pinned version, the wrong customer type and another programme’s survey, naming each path', async () => {
    const other = await setupProgramme()
    const foreign = surveyId('foreign')
    await publish(foreign, 1, 'jobseeker', other.programme.id)
    const name = unique('Refused')
    const res = await call('POST', '/api/v1/programmes', {
      key: ADMIN,
      json: validProgramme({
        name,
        surveys: {
          company: {
            default: 'cx-company@9',
            byServiceType: { coaching: 'cx-jobseeker', mentoring: 'no-such-survey' },
          },
          jobseeker: { default: 'cx-jobseeker@1', byServiceType: { entrepreneurship: foreign } },
        },
      }),
    })
    expect(res.status).toBe(422)
    expect(res.data.error.issues.map((i: Issue) => i.path)).toEqual([
      'surveys.company.default',
      'surveys.company.byServiceType.coaching',
      'surveys.company.byServiceType.mentoring',
      'surveys.jobseeker.byServiceType.entrepreneurship',
    ])
    expect(res.data.error.issues[0].message).toContain('version 9')
    expect(res.data.error.issues[1].message).toContain('for jobseeker clients')
    const list = await call('GET', '/api/v1/programmes', { key: ADMIN })
    expect(list.data.programmes.map((p: { name: string }) => p.name)).not.toContain(name)

    // The owner programme may use it; a malformed reference is refused by the schema, naming its path.
    const own = await call('PATCH', `/api/v1/programmes/${other.programme.id}`, {
      key: other.procurerKey,
      json: {
        surveys: {
          company: 'cx-company',
          jobseeker: { default: `${foreign}@1`, byServiceType: { ' coaching ': 'cx-jobseeker@2' } },
        },
      },
    })
    expect(own.status, JSON.stringify(own.data)).toBe(200)
    // service types are read as an episode's serviceType is: trimmed
    const ownMap = {
      company: 'cx-company',
      jobseeker: { default: `${foreign}@1`, byServiceType: { coaching: 'cx-jobseeker@2' } },
    }
    expect(own.data.surveys).toEqual(ownMap)
    const bad = await call('PATCH', `/api/v1/programmes/${other.programme.id}`, {
      key: other.procurerKey,
      json: { surveys: { company: 'cx-company', jobseeker: { default: 'cx-jobseeker', byServiceType: { x: 'A B' } } } },
    })
    expect(bad.status).toBe(422)
    expect(bad.data.error.issues.map((i: Issue) => i.path)).toEqual(['surveys.jobseeker.byServiceType.x'])
    const unchanged = await call('GET', `/api/v1/programmes/${other.programme.id}`, { key: other.procurerKey })
    expect(unchanged.data.surveys).toEqual(ownMap)
  })

  it('keeps the old form of old programmes: back-filled by migration 0013, required from then on', async () => {
    const s = await setupProgramme()
    expect(s.programme.surveys).toEqual({ company: 'cx-company', jobseeker: 'cx-jobseeker' })
    const backFill = env.TEST_MIGRATIONS.find((m) => m.name.startsWith('0013_'))!.queries.find((q) =>
      q.startsWith('UPDATE programmes'),
    )!
    await env.DB.prepare(`${backFill.replace(/;?\s*$/, '')} WHERE id = ?1`)
      .bind(s.programme.id)
      .run()
    const read = await call('GET', `/api/v1/programmes/${s.programme.id}`, { key: s.procurerKey })
    expect(read.data.surveys).toEqual({ company: 'cx-company', jobseeker: 'cx-jobseeker' })
    const withoutMap = env.DB.prepare(
      `INSERT INTO programmes (id, name, region, currency, survey_company, survey_jobseeker, publication, invitation_days, created_at)
       VALUES ('prg_0', 'P', 'R', 'EUR', 'cx-company', 'cx-jobseeker', '{}', 30, '2026-01-01')`,
    ).run()
    await expect(withoutMap).rejects.toThrow(/survey_map is required/)
  })
})

describe('an authored survey in a programme', () => {
  it('invites by customer and service type, is answered without JavaScript, and is scored and counted', async () => {
    const company = surveyId('yb-company')
    await publish(company, 1, 'company', null) // an unbound procurer's survey
    const s = await setupProgramme({
      surveys: { company, jobseeker: 'cx-jobseeker' },
      publication: { minResponses: 1, minGroup: 3 },
    })
    const pid = s.programme.id
    // A survey of the programme's own, mapped to one service type by a later change.
    const entrepreneur = surveyId('yb-entrepreneur')
    await publish(entrepreneur, 1, 'jobseeker', pid)
    const map = {
      company,
      jobseeker: { default: 'cx-jobseeker', byServiceType: { entrepreneurship: `${entrepreneur}@1` } },
    }
    const patched = await call('PATCH', `/api/v1/programmes/${pid}`, { key: s.procurerKey, json: { surveys: map } })
    expect(patched.status, JSON.stringify(patched.data)).toBe(200)
    expect(patched.data.surveys).toEqual(map)
    expect((await call('GET', `/api/v1/programmes/${pid}`, { key: s.procurerKey })).data.surveys).toEqual(map)

    const a = s.providerA.id
    const [c1, c2, c3, j1, j2, j3] = await importEpisodes(pid, s.procurerKey, [
      episode(a, { language: 'sv' }),
      episode(a),
      episode(a),
      episode(a, { customerType: 'jobseeker', serviceType: ' entrepreneurship' }),
      episode(a, { customerType: 'jobseeker', serviceType: 'coaching' }),
      episode(a, { customerType: 'jobseeker' }),
    ])
    const used = (i: Invited) => `${i.surveyId}@${i.surveyVersion}`
    expect([c1, c2, c3, j1, j2, j3].map(used)).toEqual([
      `${company}@1`,
      `${company}@1`,
      `${company}@1`,
      `${entrepreneur}@1`,
      'cx-jobseeker@2',
      'cx-jobseeker@2',
    ])

    // The respondent's page, in the invitation's language, and its form posts.
    const page = await call('GET', `/s/${c1.token}`)
    expect(page.status).toBe(200)
    expect(page.data).toContain(`<legend>${company} plan: läget nu?`)
    expect(page.data).toContain('Kan inte säga')
    const missing = await call('POST', `/s/${c1.token}`, form({ page: '0', lang: 'sv', action: 'complete', plan: '4' }))
    expect(missing.status).toBe(422)
    expect(missing.data).toContain('id="financing-error"')
    const done = await call(
      'POST',
      `/s/${c1.token}`,
      form({
        page: '0',
        lang: 'sv',
        action: 'complete',
        plan: '4',
        financing: '3',
        first_customer: '2',
        registration: 'dontknow',
        feedback: 'Bra stöd',
      }),
    )
    expect(done.status).toBe(303)
    expect((await call('GET', `/s/${c1.token}`)).data).toContain('Tack')
    // 100, 66.67, 33.33 and cannot say: (100 + 66.67 + 33.33) / 3
    const row = await stored(c1.id)
    expect(row).toMatchObject({ survey_id: company, survey_version: 1, cannot_say: 1 })
    expect(row!.quality_index).toBeCloseTo(200 / 3, 9)
    expect(JSON.parse(row!.answers)).toEqual({ ...itemAnswers([4, 3, 2, 'dontknow']), feedback: 'Bra stöd' })

    const answer = async (inv: Invited, answers: Record<string, unknown>) => {
      const res = await call('PUT', `/api/v1/respond/${inv.token}`, { json: { answers, complete: true } })
      expect(res.status, JSON.stringify(res.data)).toBe(200)
    }
    await answer(c2, { ...itemAnswers([4, 4, 4, 4]), feedback: 'Helpful' })
    await answer(c3, { ...itemAnswers([1, 1, 1, 1]), feedback: 'Slow' })
    await answer(j1, itemAnswers([2, 2, 2, 2]))
    expect(await stored(j1.id)).toMatchObject({ survey_id: entrepreneur, survey_version: 1 })
    // The built-in survey's items are not the authored one's.
    const wrong = await call('PUT', `/api/v1/respond/${j2.token}`, { json: { answers: itemAnswers([2, 2, 2, 2]) } })
    expect(wrong.status).toBe(422)

    const period = 'from=2026-02-01&to=2026-02-28'
    const scores = await call('GET', `/api/v1/programmes/${pid}/scores?${period}&customerType=company`, {
      key: s.procurerKey,
    })
    expect(scores.status, JSON.stringify(scores.data)).toBe(200)
    expect(scores.data.programme.responses).toBe(3)
    expect(scores.data.programme.qualityIndex.mean).toBeCloseTo((200 / 3 + 100 + 0) / 3, 9)

    const diagnostics = await call('GET', `/api/v1/programmes/${pid}/diagnostics?${period}`, { key: s.procurerKey })
    expect(diagnostics.status, JSON.stringify(diagnostics.data)).toBe(200)
    type Stats = { surveyId: string; surveyVersion: number; completed: number; items: Array<Record<string, unknown>> }
    const stats = diagnostics.data.programme.itemStatistics as Stats[]
    expect(stats.map((v) => [v.surveyId, v.surveyVersion, v.completed])).toEqual(
      expect.arrayContaining([
        [company, 1, 3],
        [entrepreneur, 1, 1],
      ]),
    )
    const ofCompany = stats.find((v) => v.surveyId === company)!
    expect(ofCompany.items.map((i) => i.item)).toEqual([...ITEMS].sort())
    expect(ofCompany.items.find((i) => i.item === 'plan')).toMatchObject({ points: 4, counts: [1, 0, 0, 2] })
    expect(ofCompany.items.find((i) => i.item === 'registration')).toMatchObject({ counts: [1, 0, 0, 1], cannotSay: 1 })

    // The authored free-text question is a comment like the built-in ones.
    const comments = await call('GET', `/api/v1/programmes/${pid}/comments?${period}`, { key: s.procurerKey })
    const ofA = comments.data.providers.find((p: { providerId: string }) => p.providerId === a)
    expect(ofA.comments.map((c: { text: string }) => c.text).sort()).toEqual(['Bra stöd', 'Helpful', 'Slow'])
  })

  it('applies a changed map to invitations issued afterwards: an old link is answered and stored under its version', async () => {
    const id = surveyId('yb-versions')
    await publish(id, 1, 'company', null, 'first')
    const s = await setupProgramme({ surveys: { company: `${id}@1`, jobseeker: 'cx-jobseeker' } })
    const pid = s.programme.id
    const [before] = await importEpisodes(pid, s.procurerKey, [episode(s.providerA.id, { language: 'en' })])
    await publish(id, 2, 'company', null, 'second')
    // Pinned: a later version changes nothing.
    const [pinned] = await importEpisodes(pid, s.procurerKey, [episode(s.providerA.id)])
    expect([before.surveyVersion, pinned.surveyVersion]).toEqual([1, 1])

    const patch = await call('PATCH', `/api/v1/programmes/${pid}`, {
      key: s.procurerKey,
      json: { surveys: { company: id, jobseeker: 'cx-jobseeker' } },
    })
    expect(patch.status, JSON.stringify(patch.data)).toBe(200)
    const [after] = await importEpisodes(pid, s.procurerKey, [episode(s.providerA.id)])
    expect([after.surveyId, after.surveyVersion]).toEqual([id, 2])

    // The link issued before the change still shows, checks and stores version 1.
    expect((await call('GET', `/s/${before.token}?lang=en`)).data).toContain('first plan: now?')
    const fields = Object.fromEntries(ITEMS.map((name) => [name, '3']))
    const done = await call(
      'POST',
      `/s/${before.token}`,
      form({ page: '0', lang: 'en', action: 'complete', ...fields }),
    )
    expect(done.status).toBe(303)
    expect(await stored(before.id)).toMatchObject({ survey_id: id, survey_version: 1 })
    expect((await call('GET', `/api/v1/respond/${after.token}`)).data.definition.title.en).toBe('Survey second')

    const audit = await call('GET', `/api/v1/audit?programmeId=${pid}`, { key: s.procurerKey })
    expect(audit.data.entries).toContainEqual(
      expect.objectContaining({ method: 'PATCH', path: `/api/v1/programmes/${pid}`, status: 200 }),
    )
  })

  it('compiles the survey-core model once per version and isolate', async () => {
    const id = surveyId('yb-compiled')
    await publish(id, 1, 'jobseeker', null)
    const first = await publishedRuntime(env.DB, id, 1)
    expect(first?.scored.map((i) => i.name)).toEqual(ITEMS)
    expect(await publishedRuntime(env.DB, id, 1)).toBe(first)
    expect(await publishedRuntime(env.DB, id, 2)).toBeUndefined()
  })
})
