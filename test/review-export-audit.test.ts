// Review of the response export's audit: the entry written before the first row says 200 and the rows
// counted; an export that breaks off after that must leave a second entry saying so and how many rows left,
// or the audit log claims a complete export that never reached the procurer (or reached it in part). An
// attempt refused (a provider key, another programme's procurer) is in the log too, as the link export's are.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { exportResponses } from '../src/app/export-responses.ts'
import { listAudit } from '../src/db/audit.ts'
import { getProgramme } from '../src/db/programmes.ts'
import { responsesExportQuery } from '../src/schemas/exports.ts'
import { ADMIN, call, companyAnswers, episode, type Json, setupProgramme } from './helpers.ts'

/** The database, except that reading a page of the export fails (as a query past D1's limits would). */
const failingPages = (db: D1Database): D1Database =>
  new Proxy(db, {
    get(target, prop) {
      if (prop !== 'prepare') return Reflect.get(target, prop)
      return (sql: string) => {
        if (sql.includes('e.external_ref > ?9')) throw new Error('D1_ERROR: query exceeded its time limit')
        return target.prepare(sql)
      }
    },
  })

describe('an export that breaks off', () => {
  it('is audited twice: the export (200, rows counted), then the failure with the rows sent', async () => {
    const s = await setupProgramme()
    const pid = s.programme.id
    const imported = await call('POST', `/api/v1/programmes/${pid}/episodes`, {
      key: s.procurerKey,
      json: { episodes: [episode(s.providerA.id)] },
    })
    expect(imported.status).toBe(201)
    const answered = await call('PUT', `/api/v1/respond/${imported.data.episodes[0].invitation.token}`, {
      json: { answers: companyAnswers([4, 3, 2, 3, 1]), complete: true },
    })
    expect(answered.status).toBe(200)

    const programme = (await getProgramme(env.DB, pid))!
    const principal = { role: 'procurer' as const, keyId: 'key_review', programmeId: pid }
    const path = `/api/v1/programmes/${pid}/responses.csv`
    const deps = { db: failingPages(env.DB), now: () => new Date().toISOString() }
    const exported = await exportResponses(deps, principal, programme, responsesExportQuery.parse({}), path)
    expect(exported.rows).toBe(1)
    const read = async () => {
      for await (const _page of exported.pages) {
        // the first page already fails
      }
    }
    await expect(read()).rejects.toThrow('time limit')

    const entries = (await listAudit(env.DB, pid, 10)).filter((e) => e.path.startsWith(path))
    expect(entries.map((e) => [e.status, e.path.slice(path.length)])).toEqual([
      [500, '?lang=fi&wave=exit&status=completed&rows=1&sent=0'],
      [200, '?lang=fi&wave=exit&status=completed&rows=1'],
    ])
    expect(entries.every((e) => e.keyId === 'key_review' && e.method === 'GET')).toBe(true)
  })
})

describe('a refused export', () => {
  it('is audited with the key that tried and the refusal, and nothing else of it is', async () => {
    const s = await setupProgramme()
    const other = await setupProgramme()
    const path = `/api/v1/programmes/${s.programme.id}/responses.csv`
    expect((await call('GET', path, { key: s.keyA })).status).toBe(403)
    expect((await call('GET', path, { key: other.procurerKey })).status).toBe(403)
    expect((await call('GET', `${path}?lang=de`, { key: s.procurerKey })).status).toBe(400)
    const audit = await call('GET', `/api/v1/audit?programmeId=${s.programme.id}`, { key: ADMIN })
    const tried = (audit.data.entries as Json[]).filter((e) => e.path.startsWith(path))
    expect(tried.map((e) => [e.role, e.status, e.path])).toEqual([
      ['procurer', 400, path],
      ['procurer', 403, path],
      ['provider', 403, path],
    ])
  })
})
