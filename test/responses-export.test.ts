import { env, exports } from 'cloudflare:workers'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseCsv } from '../src/lib/csv.ts'
import { surveyRuntime } from '../src/surveys/runtime.ts'
import { ADMIN, call, companyAnswers, episode, type Json, setupProgramme } from './helpers.ts'

const db = () => (env as unknown as { DB: D1Database }).DB

const EMAIL = 'export-client@example.fi'
const PHONE = '+358 40 765 4321'
const FORMULA_TEXT = '-2+3 euros a month was too much'

/** The body as rows of cells, each keyed by its column. */
function table(body: string): Array<Record<string, string>> {
  const parsed = parseCsv(body)
  if ('error' in parsed) throw new Error(parsed.error)
  const [header, ...rows] = parsed.rows
  return rows.map((row) => Object.fromEntries(header.map((name, k) => [name, row[k]])))
}

/** A cell as the text it stands for: one apostrophe off a neutralised formula (src/lib/csv.ts csvCell). */
const unneutralised = (cell: string) => (/^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell)

const exportCsv = (pid: string, key: string, query = '') =>
  call<string>('GET', `/api/v1/programmes/${pid}/responses.csv${query}`, { key })

/** A programme where one company client answered (with cannot say and a comment) and another has begun. */
async function answered() {
  const s = await setupProgramme()
  const imported = await call('POST', `/api/v1/programmes/${s.programme.id}/episodes`, {
    key: s.procurerKey,
    json: {
      episodes: [
        episode(s.providerA.id, { serviceType: 'coaching', contact: { email: EMAIL, phone: PHONE } }),
        episode(s.providerB.id, { language: 'sv', contact: { email: EMAIL, phone: PHONE } }),
      ],
    },
  })
  expect(imported.status).toBe(201)
  const [done, begun] = imported.data.episodes as Json[]
  const completed = await call('PUT', `/api/v1/respond/${done.invitation.token}`, {
    json: { answers: { ...companyAnswers([4, 'dontknow', 2, 3, 1]), comment: FORMULA_TEXT }, complete: true },
  })
  expect(completed.status).toBe(200)
  const saved = await call('PUT', `/api/v1/respond/${begun.invitation.token}`, {
    json: { answers: { need_clarity: 2 }, complete: false },
  })
  expect(saved.status).toBe(200)
  return { ...s, done, begun }
}

describe('GET /programmes/:pid/responses.csv', () => {
  it('gives one row per completed response with answer codes and labels in fi, sv and en', async () => {
    const s = await answered()
    const expected = {
      fi: [
        'Meillä on valmis tehtävänkuvaus, jota voi käyttää työpaikkailmoituksessa',
        'En osaa sanoa / ei koske meitä',
      ],
      sv: ['Vi har en färdig arbetsbeskrivning som kan användas i en platsannons', 'Kan inte säga / gäller inte oss'],
      en: [
        'We have a finished job description that can be used in a job advertisement',
        'Cannot say / does not apply to us',
      ],
    }
    for (const [lang, [four, cannotSay]] of Object.entries(expected)) {
      const res = await exportCsv(s.programme.id, s.procurerKey, `?lang=${lang}`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
      expect(res.headers.get('cache-control')).toBe('no-store')
      expect(res.headers.get('x-row-count')).toBe('1')
      expect(res.data.startsWith('response,wave,survey_id,survey_version,language,completed_on,')).toBe(true)
      const rows = table(res.data)
      expect(rows).toHaveLength(1)
      const [row] = rows
      expect(row).toMatchObject({
        response: s.done.invitation.id,
        wave: 'exit',
        survey_id: 'cx-company',
        survey_version: '2',
        language: 'fi',
        provider_id: s.providerA.id,
        provider_name: s.providerA.name,
        service_type: 'coaching',
        customer_type: 'company',
        need_clarity: '4',
        need_clarity_label: four,
        employer_obligations: 'dontknow',
        employer_obligations_label: cannotSay,
        use_again: 'same_provider',
        missing_from_service: '',
        missing_from_service_label: '',
      })
      expect(row.completed_on).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      // free text is its own label, and a leading formula character is neutralised in both cells
      expect(row.comment).toBe(`'${FORMULA_TEXT}`)
      expect(row.comment_label).toBe(`'${FORMULA_TEXT}`)
    }
  })

  it('starts with a byte-order mark (which text() takes off) and lists the questions in survey order', async () => {
    const s = await answered()
    const raw = await exports.default.fetch(
      new Request(`http://laatu.test/api/v1/programmes/${s.programme.id}/responses.csv`, {
        headers: { authorization: `Bearer ${s.procurerKey}` },
      }),
    )
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 4)]).toEqual([0xef, 0xbb, 0xbf, 'r'.charCodeAt(0)])
    const header = (await exportCsv(s.programme.id, s.procurerKey)).data.split('\r\n')[0]
    const names = surveyRuntime('cx-company', 2)!
      .answerLabels('fi')
      .map((q) => q.name)
    expect(header.split(',').slice(10)).toEqual(names.flatMap((n) => [n, `${n}_label`]))
  })

  it('never holds contact data, tokens or network hashes, also with responses in progress', async () => {
    const s = await answered()
    const res = await exportCsv(s.programme.id, s.procurerKey, '?status=all&lang=en')
    const rows = table(res.data)
    expect(rows).toHaveLength(2)
    expect(rows.find((r) => r.response === s.done.invitation.id)).toMatchObject({ need_clarity: '4' })
    expect(rows.find((r) => r.response === s.begun.invitation.id)).toMatchObject({
      need_clarity: '2',
      completed_on: '',
    })
    // the begun client's invitation is still open, so its contact is still stored: it must not leak
    const stored = await db()
      .prepare('SELECT contact_email AS email, contact_phone AS phone FROM episodes WHERE id = ?1')
      .bind(s.begun.id)
      .first<{ email: string; phone: string }>()
    expect(stored?.email).toBe(EMAIL)
    for (const secret of [EMAIL, stored!.phone, PHONE, s.begun.invitation.token, 'export-client']) {
      expect(res.data).not.toContain(secret)
    }
    const hashes = await db()
      .prepare('SELECT net_hash FROM responses WHERE invitation_id IN (?1, ?2) AND net_hash IS NOT NULL')
      .bind(s.done.invitation.id, s.begun.invitation.id)
      .all<{ net_hash: string }>()
    for (const { net_hash } of hashes.results) expect(res.data).not.toContain(net_hash)
  })

  it('filters by period, survey version and wave', async () => {
    const s = await answered()
    const count = async (query: string) => table((await exportCsv(s.programme.id, s.procurerKey, query)).data).length
    expect(await count('?from=2026-02-10&to=2026-02-10')).toBe(1)
    expect(await count('?from=2026-02-11')).toBe(0)
    expect(await count('?to=2026-02-09')).toBe(0)
    expect(await count('?survey=cx-company')).toBe(1)
    expect(await count('?survey=cx-company@2')).toBe(1)
    expect(await count('?survey=cx-company@1')).toBe(0)
    expect(await count('?survey=cx-jobseeker')).toBe(0)
    expect(await count('?wave=intake')).toBe(0)
    // an empty export still has its header (the fixed columns only)
    const empty = await exportCsv(s.programme.id, s.procurerKey, '?wave=followup')
    expect(empty.data).toBe(
      'response,wave,survey_id,survey_version,language,completed_on,provider_id,provider_name,service_type,customer_type\r\n',
    )
  })

  it('is audited: who, which programme, the filters and the row count', async () => {
    const s = await answered()
    await exportCsv(s.programme.id, s.procurerKey, '?lang=sv&status=all&survey=cx-company@2')
    const audit = await call('GET', `/api/v1/audit?programmeId=${s.programme.id}`, { key: s.procurerKey })
    const exports = (audit.data.entries as Json[]).filter((e) => e.path.includes('/responses.csv'))
    expect(exports).toHaveLength(1)
    expect(exports[0]).toMatchObject({
      role: 'procurer',
      keyId: expect.stringMatching(/\S/),
      programmeId: s.programme.id,
      method: 'GET',
      status: 200,
      path: `/api/v1/programmes/${s.programme.id}/responses.csv?lang=sv&wave=exit&status=all&survey=cx-company%402&rows=2`,
    })
  })

  it('refuses provider keys (403), unknown programmes (404) and bad parameters (400 naming them)', async () => {
    const s = await answered()
    expect((await exportCsv(s.programme.id, s.keyA)).status).toBe(403)
    const other = await setupProgramme()
    expect((await exportCsv(s.programme.id, other.procurerKey)).status).toBe(403)
    expect((await exportCsv('prg_0000000000000000', s.procurerKey)).status).toBe(404)
    expect((await call('GET', `/api/v1/programmes/${s.programme.id}/responses.csv`)).status).toBe(401)
    for (const [query, path] of [
      ['?lang=de', 'lang'],
      ['?from=2026-13-01', 'from'],
      ['?from=2026-03-01&to=2026-02-01', 'to'],
      ['?survey=cx company', 'survey'],
      ['?survey=cx-company@0', 'survey'],
      ['?survey=a_b', 'survey'],
      ['?survey=x', 'survey'],
      ['?wave=middle', 'wave'],
      ['?status=open', 'status'],
    ]) {
      const res = await call('GET', `/api/v1/programmes/${s.programme.id}/responses.csv${query}`, {
        key: s.procurerKey,
      })
      expect(res.status, query).toBe(400)
      expect(res.data.error.issues.map((i: Json) => i.path)).toEqual([path])
    }
    // a refused export is not logged as one: only as the refusal it was
    const audit = await call('GET', `/api/v1/audit?programmeId=${s.programme.id}`, { key: ADMIN })
    const logged = (audit.data.entries as Json[]).filter((e) => e.path.includes('/responses.csv'))
    expect(logged.every((e) => e.status >= 400 && !e.path.includes('rows='))).toBe(true)
  })
})

/** n rows named <prefix>-00001 ... (ids in the order of their numbers), for INSERT ... SELECT. */
const numbered = `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?2)
  SELECT printf('%s-%05d', ?1, i) AS id, i FROM k`

/** n completed company responses straight to D1, the i-th answering need_clarity with 1 + i % 4. */
async function seedResponses(pid: string, provider: string, prefix: string, n: number) {
  await db().batch([
    db()
      .prepare(
        `INSERT INTO episodes (id, programme_id, provider_id, customer_type, external_ref, started_on, ended_on,
           language, contact_email, created_at)
         SELECT 'epi_' || id, ?3, ?4, 'company', id, '2026-01-05', '2026-02-10', 'fi', ?5, '2026-01-01T00:00:00.000Z'
         FROM (${numbered})`,
      )
      .bind(prefix, n, pid, provider, EMAIL),
    db()
      .prepare(
        `INSERT INTO invitations (id, episode_id, token_hash, survey_id, survey_version, language, status, issued_at,
           expires_at, completed_at)
         SELECT 'inv_' || id, 'epi_' || id, 'hash-' || id, 'cx-company', 2, 'fi', 'completed',
           '2026-02-10T00:00:00.000Z', '2099-01-01T00:00:00.000Z', '2026-02-11T00:00:00.000Z'
         FROM (${numbered})`,
      )
      .bind(prefix, n),
    db()
      .prepare(
        `INSERT INTO responses (invitation_id, survey_id, survey_version, language, answers, completed, scored_total,
           scored_answered, created_at, updated_at, completed_at)
         SELECT 'inv_' || id, 'cx-company', 2, 'fi', json_object('need_clarity', 1 + i % 4), 1, 5, 1,
           '2026-02-11T00:00:00.000Z', '2026-02-11T00:00:00.000Z', '2026-02-11T00:00:00.000Z'
         FROM (${numbered})`,
      )
      .bind(prefix, n),
  ])
}

describe('a large export', () => {
  it('streams a few thousand responses in pages, each once', async () => {
    const s = await setupProgramme()
    const n = 2345 // more than two pages of 1,000, and a part page
    await seedResponses(s.programme.id, s.providerA.id, `big-${s.programme.id}`, n)
    const res = await exportCsv(s.programme.id, s.procurerKey)
    expect(res.status).toBe(200)
    expect(res.headers.get('x-row-count')).toBe(String(n))
    const rows = table(res.data)
    expect(rows).toHaveLength(n)
    expect(new Set(rows.map((r) => r.response)).size).toBe(n)
    expect(rows.every((r, k) => r.need_clarity === String(1 + ((k + 1) % 4)))).toBe(true)
    expect(res.data).not.toContain(EMAIL)
  })
})

describe('the export as data', () => {
  it('gives back exactly the stored answers, whatever they are (property)', async () => {
    const s = await setupProgramme()
    const runtime = surveyRuntime('cx-company', 2)!
    // Any text, and texts made of what CSV and spreadsheets treat specially: quotes, commas, line breaks,
    // formula characters and apostrophes before them.
    const tricky = fc
      .array(fc.constantFrom('a', 'ä', ' ', '"', ',', '\n', '\r\n', '=', '-', '+', '@', "'", "''", '\t'), {
        maxLength: 12,
      })
      .map((parts) => parts.join(''))
    const text = fc
      .oneof(
        fc.string(),
        tricky,
        fc.tuple(fc.constantFrom("'", "''"), tricky).map(([a, b]) => `${a}=${b}`),
      )
      .map((t) => t.trim())
      .filter((t) => t !== '')
    const answer = (domain: { kind: string; values?: Array<string | number | boolean> }) =>
      domain.kind === 'choice' ? fc.constantFrom(...domain.values!) : text
    const answers = fc.record(
      Object.fromEntries([...runtime.questions.values()].map((q) => [q.name, answer(q.domain)])),
      { requiredKeys: [] },
    )
    const labels = new Map(runtime.answerLabels('en').map((q) => [q.name, q.labels]))
    let run = 0
    await fc.assert(
      fc.asyncProperty(answers, async (stored) => {
        const prefix = `prop-${s.programme.id}-${++run}`
        await seedResponses(s.programme.id, s.providerA.id, prefix, 1)
        await db()
          .prepare('UPDATE responses SET answers = ?2 WHERE invitation_id = ?1')
          .bind(`inv_${prefix}-00001`, JSON.stringify(stored))
          .run()
        const rows = table((await exportCsv(s.programme.id, s.procurerKey, '?lang=en')).data)
        const row = rows.find((r) => r.response === `inv_${prefix}-00001`)!
        for (const q of runtime.questions.values()) {
          const value = stored[q.name]
          expect(unneutralised(row[q.name])).toBe(value === undefined ? '' : String(value))
          const label = value === undefined ? '' : (labels.get(q.name)!.get(String(value)) ?? String(value))
          expect(unneutralised(row[`${q.name}_label`])).toBe(label)
        }
      }),
      { numRuns: 25 },
    )
  })
})
