// Survey authoring through the API: drafts linted as they are saved, publication refused while an error remains,
// immutable numbered versions (the database refuses changes too), comparability, previews and bad input.
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { findVersion } from '../src/surveys/catalog.ts'
import { documentedShapes } from './documented-shapes.ts'
import { ADMIN, call, setupProgramme, unique } from './helpers.ts'

type Json = Record<string, unknown>

let check: (name: string, body: unknown) => void
beforeAll(async () => {
  check = documentedShapes((await call('GET', '/api/v1/openapi.json')).data)
})
const tri = (fi: string, sv: string, en: string) => ({ fi, sv, en })

/** A fully labelled, cumulative 4-point scored item with "cannot say" outside the scale. */
function scaleItem(name: string, points?: unknown[]): Json {
  return {
    type: 'radiogroup',
    name,
    title: tri(
      'Mikä väite kuvaa tilannettasi nyt?',
      'Vilket påstående beskriver läget nu?',
      'Which statement describes your situation now?',
    ),
    isRequired: true,
    scored: true,
    cumulative: true,
    choices: points ?? [
      {
        value: 1,
        text: tri(
          'En ole hakenut yhtään työpaikkaa',
          'Jag har inte sökt ett enda jobb',
          'I have not applied for any job',
        ),
      },
      { value: 2, text: tri('Olen hakenut yhtä työpaikkaa', 'Jag har sökt ett jobb', 'I have applied for one job') },
      {
        value: 3,
        text: tri('Olen hakenut kolmea työpaikkaa', 'Jag har sökt tre jobb', 'I have applied for three jobs'),
      },
      {
        value: 4,
        text: tri('Olen hakenut viittä työpaikkaa', 'Jag har sökt fem jobb', 'I have applied for five jobs'),
      },
    ],
    showDontKnowItem: true,
    dontKnowText: tri('En osaa sanoa', 'Kan inte säga', 'Cannot say'),
    separateSpecialChoices: true,
  }
}

function survey(elements: Json[]): Json {
  return {
    locale: 'fi',
    title: tri('Oma kysely', 'Egen enkät', 'Own survey'),
    pages: [{ name: 'p1', title: tri('Tilanne', 'Läget', 'Situation'), elements }],
  }
}
const GOOD = survey([scaleItem('applications')])

async function procurer() {
  const s = await setupProgramme()
  return { ...s, key: s.procurerKey as string }
}

const create = (key: string, json: Json, id = unique('own').toLowerCase()) =>
  call('POST', '/api/v1/surveys', { key, json: { id, title: 'Oma kysely', customerType: 'jobseeker', json } })

async function tableCounts() {
  const row = await env.DB.prepare(
    "SELECT (SELECT COUNT(*) FROM surveys) AS surveys, (SELECT COUNT(*) FROM survey_versions) AS versions, (SELECT group_concat(COALESCE(draft_updated_at, '')) FROM surveys) AS drafts",
  ).first()
  return row
}

describe('survey authoring', () => {
  it("creates a draft, reads, lints, saves and publishes it, and lists it as the caller's own", async () => {
    const { key, programme } = await procurer()
    const created = await create(key, GOOD)
    expect(created.status, JSON.stringify(created.data)).toBe(201)
    const id = created.data.survey.id
    expect(created.data).toEqual({
      survey: {
        id,
        title: 'Oma kysely',
        customerType: 'jobseeker',
        builtin: false,
        ownerProgrammeId: programme.id,
        draftUpdatedAt: expect.any(String),
        latestVersion: null,
      },
      findings: [],
    })
    check('SurveyCreated', created.data)
    expect((await create(key, GOOD, id)).status).toBe(409)
    const draft = await call('GET', `/api/v1/surveys/${id}/draft`, { key })
    expect(draft.data.json).toEqual(GOOD)
    check('SurveyDraft', draft.data)
    const lint = await call('GET', `/api/v1/surveys/${id}/draft/lint`, { key })
    expect(lint.data).toEqual({ findings: [], errors: 0, warnings: 0 })
    check('SurveyLint', lint.data)
    const saved = await call('PUT', `/api/v1/surveys/${id}/draft`, { key, json: { json: GOOD, title: 'Uusi nimi' } })
    expect(saved.status).toBe(200)
    expect(saved.data.survey.title).toBe('Uusi nimi')

    const published = await call('POST', `/api/v1/surveys/${id}/publish`, { key, json: {} })
    expect(published.status, JSON.stringify(published.data)).toBe(201)
    expect(published.data).toEqual({
      surveyId: id,
      version: 1,
      series: 1,
      comparableTo: null,
      publishedAt: expect.any(String),
    })
    check('SurveyPublication', published.data)
    // Published versions are public, drafts never are.
    const pub = await call('GET', `/api/v1/surveys/${id}/versions/1`)
    expect(pub.data).toMatchObject({ id, version: 1, languages: ['fi', 'sv', 'en'], definition: GOOD })
    expect((await call('GET', '/api/v1/surveys')).data.surveys.map((s: Json) => s.id)).toContain(id)
    expect((await call('GET', `/api/v1/surveys/${id}/draft`)).status).toBe(401)

    const mine = await call('GET', '/api/v1/surveys/authored', { key })
    expect(mine.data.surveys.map((s: Json) => [s.id, s.latestVersion])).toEqual([[id, 1]])
    check('AuthoredSurvey', mine.data.surveys[0])
    const audit = await call('GET', `/api/v1/audit?programmeId=${programme.id}`, { key })
    const paths = audit.data.entries.map((e: Json) => `${e.method} ${e.path} ${e.status}`)
    expect(paths).toEqual(
      expect.arrayContaining([
        'POST /api/v1/surveys 201',
        `PUT /api/v1/surveys/${id}/draft 200`,
        `POST /api/v1/surveys/${id}/publish 201`,
      ]),
    )
  })

  it("keeps surveys to their programme: another programme's procurer gets 404, a provider 403", async () => {
    const a = await procurer()
    const b = await procurer()
    const id = (await create(a.key, GOOD)).data.survey.id
    expect((await call('GET', `/api/v1/surveys/${id}/draft`, { key: b.key })).status).toBe(404)
    expect((await call('PUT', `/api/v1/surveys/${id}/draft`, { key: b.key, json: { json: GOOD } })).status).toBe(404)
    expect((await call('GET', `/api/v1/surveys/${id}/draft`, { key: a.keyA })).status).toBe(403)
    expect((await create(a.keyA, GOOD)).status).toBe(403)
    expect((await call('GET', '/api/v1/surveys/authored', { key: b.key })).data.surveys).toEqual([])
    expect((await call('GET', `/api/v1/surveys/${id}/draft`, { key: ADMIN })).status).toBe(200)
  })

  it('copies a published version with {"from"}: the built-in template becomes an editable draft', async () => {
    const { key } = await procurer()
    const id = unique('copy').toLowerCase()
    const res = await call('POST', '/api/v1/surveys', { key, json: { from: 'cx-company@2', id } })
    expect(res.status, JSON.stringify(res.data)).toBe(201)
    expect(res.data.survey).toMatchObject({ id, customerType: 'company', builtin: false, latestVersion: null })
    expect(res.data.findings).toEqual([])
    const draft = await call('GET', `/api/v1/surveys/${id}/draft`, { key })
    expect(draft.data.json).toEqual(findVersion('cx-company', 2)!.definition)
    const missing = await call('POST', '/api/v1/surveys', { key, json: { from: 'cx-company@9', id: `${id}-x` } })
    expect(missing.status).toBe(422)
    expect(missing.data.error.issues[0].path).toBe('from')
  })

  it('done when: a draft with a vague anchor, an unlabelled point, a midpoint "cannot say", a double-barrelled anchor and a one-language scale is listed and refused; fixed, it publishes v1', async () => {
    const { key } = await procurer()
    const item = scaleItem
    const points = (texts: Array<unknown>) =>
      texts.map((text, k) => (text === null ? { value: k + 1 } : { value: k + 1, text }))
    const good = (scaleItem('x').choices as Json[]).map((c) => c.text)
    const bad = survey([
      item('vague', points([good[0], tri('Jonkin verran', 'I viss mån', 'Somewhat'), good[2], good[3]])),
      item('unlabelled', points([good[0], good[1], null, good[3]])),
      item(
        'midpoint',
        points([good[0], good[1], tri('En osaa sanoa', 'Kan inte säga', 'Cannot say'), good[2], good[3]]),
      ),
      item(
        'joined',
        points([
          good[0],
          good[1],
          tri(
            'Olemme valinneet kanavat ja tiedämme niiden kustannukset',
            'Vi har valt kanalerna och vet vad de kostar',
            'We have chosen the channels and know what they cost',
          ),
          good[3],
        ]),
      ),
      item('one_language', points(good.map((t) => ({ fi: (t as Json).fi })))),
    ])
    const created = await create(key, bad)
    expect(created.status).toBe(201)
    const id = created.data.survey.id
    const lint = await call('GET', `/api/v1/surveys/${id}/draft/lint`, { key })
    check('SurveyLint', lint.data)
    const at = (rule: string, question: string) =>
      lint.data.findings.filter((f: Json) => f.rule === rule && f.question === question && f.severity === 'error')
    expect(at('laatu/vague-anchor', 'vague').map((f: Json) => f.path)).toEqual([
      'pages[0].elements[0].choices[1].text.fi',
      'pages[0].elements[0].choices[1].text.sv',
      'pages[0].elements[0].choices[1].text.en',
    ])
    expect(at('laatu/unlabelled-point', 'unlabelled').map((f: Json) => f.path)).toEqual([
      'pages[0].elements[1].choices[2]',
    ])
    expect(at('laatu/cannot-say-in-scale', 'midpoint').map((f: Json) => f.path)).toEqual([
      'pages[0].elements[2].choices[2].text.fi',
    ])
    expect(at('laatu/joined-criteria', 'joined').map((f: Json) => f.path)).toContain(
      'pages[0].elements[3].choices[2].text.en',
    )
    expect(at('laatu/missing-translation', 'one_language').map((f: Json) => f.path)).toContain(
      'pages[0].elements[4].choices[0].text.sv',
    )
    const vague = at('laatu/vague-anchor', 'vague')[0]
    expect(vague.message.fi).toMatch(/epämääräistä/)
    expect(vague.message.sv).toMatch(/vaga/)
    expect(vague.message.en).toMatch(/vague quantifier/)
    expect(lint.data.errors).toBe(lint.data.findings.filter((f: Json) => f.severity === 'error').length)

    const refused = await call('POST', `/api/v1/surveys/${id}/publish`, { key, json: {} })
    expect(refused.status).toBe(422)
    expect(refused.data.findings).toEqual(lint.data.findings)
    expect(refused.data.error.issues).toContainEqual({
      path: 'json.pages[0].elements[1].choices[2]',
      message: expect.stringMatching(/has no label/),
    })
    expect(
      (await env.DB.prepare('SELECT COUNT(*) AS n FROM survey_versions WHERE survey_id = ?1').bind(id).first())!.n,
    ).toBe(0)

    const fixed = survey(['vague', 'unlabelled', 'midpoint', 'joined', 'one_language'].map((n) => scaleItem(n)))
    const saved = await call('PUT', `/api/v1/surveys/${id}/draft`, { key, json: { json: fixed } })
    expect(saved.data.findings).toEqual([])
    const published = await call('POST', `/api/v1/surveys/${id}/publish`, { key, json: {} })
    expect(published.status, JSON.stringify(published.data)).toBe(201)
    expect(published.data.version).toBe(1)
  })

  it('makes every issue-15 rule an error for an authored draft: no "cannot say" option is refused too', async () => {
    const { key } = await procurer()
    const { showDontKnowItem: _s, dontKnowText: _d, ...noCannotSay } = scaleItem('q')
    const id = (await create(key, survey([noCannotSay]))).data.survey.id
    const refused = await call('POST', `/api/v1/surveys/${id}/publish`, { key, json: {} })
    expect(refused.status).toBe(422)
    expect(refused.data.findings).toContainEqual(
      expect.objectContaining({ rule: 'laatu/no-cannot-say-option', severity: 'error', question: 'q' }),
    )
  })
})

describe('published versions never change', () => {
  async function published() {
    const { key, programme } = await procurer()
    const id = (await create(key, GOOD)).data.survey.id
    expect((await call('POST', `/api/v1/surveys/${id}/publish`, { key, json: {} })).status).toBe(201)
    return { key, id, programme }
  }
  const v1Row = (id: string) =>
    env.DB.prepare('SELECT * FROM survey_versions WHERE survey_id = ?1 AND version = 1').bind(id).first()

  it('refuses UPDATE and DELETE in SQL (triggers), not only in the code', async () => {
    const { id } = await published()
    const before = await v1Row(id)
    await expect(
      env.DB.prepare("UPDATE survey_versions SET definition = '{}' WHERE survey_id = ?1").bind(id).run(),
    ).rejects.toThrow(/never changes/)
    await expect(env.DB.prepare('DELETE FROM survey_versions WHERE survey_id = ?1').bind(id).run()).rejects.toThrow(
      /never deleted/,
    )
    expect(await v1Row(id)).toEqual(before)
  })

  it('publishes again as version 2, leaving version 1 byte for byte; editing the draft never touches a version', async () => {
    const { key, id } = await published()
    const before = await v1Row(id)
    const edited = { ...GOOD, title: tri('Muutettu', 'Ändrad', 'Changed') }
    await call('PUT', `/api/v1/surveys/${id}/draft`, { key, json: { json: edited } })
    expect(await v1Row(id)).toEqual(before)
    const second = await call('POST', `/api/v1/surveys/${id}/publish`, { key, json: {} })
    expect(second.data).toMatchObject({ version: 2, series: 2, comparableTo: null })
    expect(await v1Row(id)).toEqual(before)
    expect((await call('GET', `/api/v1/surveys/${id}`)).data).toMatchObject({ version: 2, definition: edited })
    expect((await call('GET', `/api/v1/surveys/${id}/versions/1`)).data.definition).toEqual(GOOD)
  })

  it('numbers two publications at the same moment apart: the primary key refuses a duplicate number', async () => {
    const { key, id } = await published()
    const both = await Promise.all([0, 1].map(() => call('POST', `/api/v1/surveys/${id}/publish`, { key, json: {} })))
    expect(
      both.every((r) => r.status === 201 || r.status === 409),
      JSON.stringify(both.map((r) => r.data)),
    ).toBe(true)
    const versions = both.filter((r) => r.status === 201).map((r) => r.data.version)
    expect(new Set(versions).size).toBe(versions.length)
    const stored = await env.DB.prepare('SELECT version FROM survey_versions WHERE survey_id = ?1 ORDER BY version')
      .bind(id)
      .all<{ version: number }>()
    expect(stored.results.map((r) => r.version)).toEqual([1, ...versions.sort()])
  })

  it('never writes a built-in template', async () => {
    const { key } = await procurer()
    const before = await tableCounts()
    expect((await call('PUT', '/api/v1/surveys/cx-company/draft', { key, json: { json: GOOD } })).status).toBe(403)
    expect((await call('POST', '/api/v1/surveys/cx-company/publish', { key, json: {} })).status).toBe(403)
    expect((await call('PUT', '/api/v1/surveys/cx-company/draft', { key: ADMIN, json: { json: GOOD } })).status).toBe(
      403,
    )
    expect((await create(key, GOOD, 'cx-company')).status).toBe(409)
    await expect(env.DB.prepare("UPDATE surveys SET title = 'x' WHERE id = 'cx-company'").run()).rejects.toThrow(
      /read-only/,
    )
    expect(await tableCounts()).toEqual(before)
  })

  it('pools a version with comparableTo only when the scored items, points and anchors are the same', async () => {
    const { key, id } = await published()
    const retitled = { ...GOOD, title: tri('Uusi otsikko', 'Ny rubrik', 'New title') }
    await call('PUT', `/api/v1/surveys/${id}/draft`, { key, json: { json: retitled } })
    const same = await call('POST', `/api/v1/surveys/${id}/publish`, { key, json: { comparableTo: 1 } })
    expect(same.status, JSON.stringify(same.data)).toBe(201)
    expect(same.data).toMatchObject({ version: 2, series: 1, comparableTo: 1 })

    const item = scaleItem('applications')
    const choices = structuredClone(item.choices) as Json[]
    choices[3] = { value: 4, text: tri('Olen saanut työpaikan', 'Jag har fått ett jobb', 'I have got a job') }
    await call('PUT', `/api/v1/surveys/${id}/draft`, { key, json: { json: survey([{ ...item, choices }]) } })
    const broken = await call('POST', `/api/v1/surveys/${id}/publish`, { key, json: { comparableTo: 2 } })
    expect(broken.status).toBe(422)
    expect(broken.data.error.issues.map((i: Json) => i.path)).toEqual(['comparableTo', 'comparableTo', 'comparableTo'])
    expect(broken.data.error.issues[0].message).toMatch(/"applications" point 4 reads differently in fi/)
    const missing = await call('POST', `/api/v1/surveys/${id}/publish`, { key, json: { comparableTo: 7 } })
    expect(missing.data.error.issues[0].path).toBe('comparableTo')
    const fresh = await call('POST', `/api/v1/surveys/${id}/publish`, { key, json: {} })
    expect(fresh.data).toMatchObject({ version: 3, series: 3, comparableTo: null })
    const versions = await call('GET', `/api/v1/surveys/${id}/versions`, { key })
    expect(versions.data).toEqual({
      surveyId: id,
      versions: [
        { version: 1, series: 1, comparableTo: null, publishedAt: expect.any(String), usedBy: [] },
        { version: 2, series: 1, comparableTo: 1, publishedAt: expect.any(String), usedBy: [] },
        { version: 3, series: 3, comparableTo: null, publishedAt: expect.any(String), usedBy: [] },
      ],
    })
  })

  it('lists the programmes whose invitations use each version, only those the caller may read', async () => {
    const a = await procurer()
    const b = await procurer()
    for (const s of [a, b]) {
      const res = await call('POST', `/api/v1/programmes/${s.programme.id}/episodes`, {
        key: s.key,
        json: {
          episodes: [
            {
              providerId: s.providerA.id,
              customerType: 'company',
              externalRef: unique('r'),
              startedOn: '2026-01-05',
              endedOn: '2026-02-10',
            },
          ],
        },
      })
      expect(res.status, JSON.stringify(res.data)).toBe(201)
    }
    const mine = await call('GET', '/api/v1/surveys/cx-company/versions', { key: a.key })
    const v2 = mine.data.versions.find((v: Json) => v.version === 2)
    check('SurveyVersionList', mine.data)
    expect(v2.usedBy).toEqual([{ programmeId: a.programme.id, name: a.programme.name, invitations: 1 }])
    const all = await call('GET', '/api/v1/surveys/cx-company/versions', { key: ADMIN })
    const ids = all.data.versions.find((v: Json) => v.version === 2).usedBy.map((u: Json) => u.programmeId)
    expect(ids).toEqual(expect.arrayContaining([a.programme.id, b.programme.id]))
  })
})

describe('preview', () => {
  it('renders the respondent page from the draft with a banner in each language and a form that stores nothing', async () => {
    const { key } = await procurer()
    const id = (
      await create(
        key,
        survey([scaleItem('applications'), { type: 'comment', name: 'c', title: tri('Muuta', 'Annat', 'Other') }]),
      )
    ).data.survey.id
    for (const [lang, banner, legend] of [
      ['fi', 'Esikatselu – vastauksia ei tallenneta', 'Mikä väite kuvaa tilannettasi nyt?'],
      ['sv', 'Förhandsvisning – svaren sparas inte', 'Vilket påstående beskriver läget nu?'],
      ['en', 'Preview – answers are not saved', 'Which statement describes your situation now?'],
    ]) {
      const res = await call('GET', `/api/v1/surveys/${id}/draft/preview?lang=${lang}&page=0`, { key })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^text\/html/)
      const html = res.data as string
      expect(html).toMatch(new RegExp(`^<!doctype html><html lang="${lang}">`))
      expect(html).toContain(`<div class="notice preview-banner" role="note"><p>${banner}</p></div>`)
      expect(html).toContain('<fieldset id="q-applications"')
      expect(html).toContain(`<legend>${legend}`)
      expect(html).toContain('<input type="radio" id="applications-0" name="applications" value="1"/>')
      expect(html).toContain('<label for="q-c" class="question-title">')
      // Nothing in it can store an answer: no token, no post, no script that saves.
      expect(html).toContain('<form method="get" id="survey" novalidate="">')
      expect(html).not.toMatch(/data-token|method="post"|\/s\/|survey\.js|\/api\/v1\/respond/)
    }
    // A draft edit shows at once: the preview is compiled from the draft each time, never cached.
    const edited = survey([{ ...scaleItem('applications'), title: tri('Uusi kysymys?', 'Ny fråga?', 'New question?') }])
    await call('PUT', `/api/v1/surveys/${id}/draft`, { key, json: { json: edited } })
    expect((await call('GET', `/api/v1/surveys/${id}/draft/preview?lang=en`, { key })).data).toContain(
      '<legend>New question?',
    )
    expect((await call('GET', `/api/v1/surveys/${id}/draft/preview?lang=de`, { key })).status).toBe(400)
  })
})

describe('bad input: a 4xx naming the path, nothing stored', () => {
  const cases: Array<[string, () => Json, number, string]> = [
    ['not an object', () => [] as unknown as Json, 422, 'json'],
    ['no pages', () => ({ title: 'x', elements: [] }), 422, 'json.pages'],
    ['pages of the wrong type', () => ({ pages: 'one' }), 422, 'json.pages'],
    ['a page without elements', () => ({ pages: [{ name: 'p' }] }), 422, 'json.pages[0].elements'],
    ['a question without a type', () => survey([{ name: 'q' }]), 422, 'json.pages[0].elements[0].type'],
    [
      'an unsupported question type',
      () => survey([scaleItem('a'), { type: 'matrix', name: 'm', title: 'x' }]),
      422,
      'json.pages[0].elements[1].type',
    ],
    [
      'a type in a panel',
      () => survey([{ type: 'panel', name: 'p', elements: [{ type: 'file', name: 'f' }] }]),
      422,
      'json.pages[0].elements[0].elements[0].type',
    ],
    [
      '500 questions',
      () => survey(Array.from({ length: 500 }, (_, i) => ({ type: 'text', name: `q${i}`, title: tri('a', 'b', 'c') }))),
      422,
      'json.pages[0].elements[200]',
    ],
    ['2 MB of JSON', () => ({ ...GOOD, description: 'x'.repeat(2 * 1024 * 1024) }), 422, 'json'],
    [
      'JSON survey-core cannot load',
      () => survey([{ type: 'radiogroup', name: 'r', choices: 'one, two' }]),
      422,
      'json',
    ],
  ]
  for (const [name, json, status, path] of cases) {
    it(name, async () => {
      const { key } = await procurer()
      const before = await tableCounts()
      const res = await create(key, json())
      expect(res.status, JSON.stringify(res.data).slice(0, 500)).toBe(status)
      expect(res.data.error.issues.map((i: Json) => i.path)).toContain(path)
      const id = (await create(key, GOOD)).data.survey.id
      const mid = await tableCounts()
      const put = await call('PUT', `/api/v1/surveys/${id}/draft`, { key, json: { json: json() } })
      expect(put.status).toBe(status)
      expect(put.data.error.issues.map((i: Json) => i.path)).toContain(path)
      expect(await tableCounts()).toEqual(mid)
      expect(mid!.surveys).toBe((before!.surveys as number) + 1)
    })
  }
  it('an id outside a-z0-9 and "-", or the reserved "authored"', async () => {
    const { key } = await procurer()
    for (const id of ['Bad_Id', 'a', 'authored', 'x'.repeat(61)]) {
      const res = await create(key, GOOD, id)
      expect(res.status, id).toBe(422)
      expect(res.data.error.issues[0].path).toBe('id')
    }
  })
})

describe('export columns', () => {
  it("refuses to publish a question named like a fixed column of the response export or another question's label", async () => {
    const { key } = await procurer()
    const id = (
      await create(key, survey([scaleItem('wave'), scaleItem('applications'), scaleItem('applications_label')]))
    ).data.survey.id
    const refused = await call('POST', `/api/v1/surveys/${id}/publish`, { key, json: {} })
    expect(refused.status).toBe(422)
    const columns = (refused.data.findings as Json[]).filter((f) => f.rule === 'laatu/export-column')
    expect(columns.map((f) => [f.question, f.severity])).toEqual([
      ['wave', 'error'],
      ['applications_label', 'error'],
    ])
  })
})

describe('publishing keeps the fee rules of programmes that issue the latest version', () => {
  const RULE = {
    currency: 'EUR',
    components: [
      {
        type: 'quality',
        basis: 'client',
        perClientMax: 100,
        scoring: { mode: 'allTop', items: ['applications', 'interviews'] },
      },
    ],
  }

  it('refuses a version that does not score an item the fee rule of a programme mapping the survey unpinned pays on; pinned, it publishes', async () => {
    const { key, programme } = await procurer()
    const id = unique('paid').toLowerCase()
    expect((await create(key, survey([scaleItem('applications'), scaleItem('interviews')]), id)).status).toBe(201)
    expect((await call('POST', `/api/v1/surveys/${id}/publish`, { key, json: {} })).status).toBe(201)
    const map = (ref: string) => ({
      surveys: { company: 'cx-company', jobseeker: { default: 'cx-jobseeker', byServiceType: { coaching: ref } } },
    })
    const patched = await call('PATCH', `/api/v1/programmes/${programme.id}`, { key, json: map(id) })
    expect(patched.status, JSON.stringify(patched.data)).toBe(200)
    const rule = await call('PUT', `/api/v1/programmes/${programme.id}/fee-rule`, { key, json: RULE })
    expect(rule.status, JSON.stringify(rule.data)).toBe(201)

    const saved = await call('PUT', `/api/v1/surveys/${id}/draft`, { key, json: { json: GOOD } })
    expect(saved.status, JSON.stringify(saved.data)).toBe(200)
    const refused = await call('POST', `/api/v1/surveys/${id}/publish`, { key, json: {} })
    expect(refused.status, JSON.stringify(refused.data)).toBe(422)
    const issues = refused.data.error.issues as Array<{ path: string; message: string }>
    expect(issues.map((i) => i.path)).toEqual(['json'])
    expect(issues[0].message).toContain(programme.name)
    expect(issues[0].message).toContain(programme.id)
    expect(issues[0].message).toContain('components[0].scoring.items[1]')
    expect(issues[0].message).toContain('"interviews"')
    expect(issues[0].message).toContain(`${id}@1`)
    const versions = await call('GET', `/api/v1/surveys/${id}/versions`, { key })
    expect(versions.data.versions.map((v: Json) => v.version)).toEqual([1])

    // pinned to version 1, the programme keeps issuing it: the new version takes nothing from its rule
    expect((await call('PATCH', `/api/v1/programmes/${programme.id}`, { key, json: map(`${id}@1`) })).status).toBe(200)
    const published = await call('POST', `/api/v1/surveys/${id}/publish`, { key, json: {} })
    expect(published.status, JSON.stringify(published.data)).toBe(201)
    expect(published.data.version).toBe(2)
  })
})
