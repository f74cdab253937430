import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { SessionDb } from '../src/db/session.ts'
import { BOOKMARK_HEADER, sessionStart } from '../src/http/d1-session.ts'
import { app } from '../src/index.ts'
import { ADMIN, call, episode, setupProgramme, unique, validProgramme } from './helpers.ts'

// D1's bookmark shape; the local runtime (workerd's D1) returns real ones, so these tests see real bookmarks.
const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/
// A bookmark later than any this test database reaches: a session started from it keeps reporting it.
const FUTURE = 'ffffffff-00000000-00000000-00000000000000000000000000000000'

/**
 * The Worker with a D1 binding that records how each session was started (the binding is the runtime's, not
 * project code; every query still runs on the real database).
 */
async function recorded(method: string, path: string, opts: { key?: string; json?: unknown; bookmark?: string }) {
  const starts: string[] = []
  const DB = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === 'withSession')
        return (constraint: string) => {
          starts.push(constraint)
          return target.withSession(constraint)
        }
      const value = Reflect.get(target, prop)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  const headers: Record<string, string> = {}
  if (opts.key) headers.authorization = `Bearer ${opts.key}`
  if (opts.bookmark) headers[BOOKMARK_HEADER] = opts.bookmark
  if (opts.json !== undefined) headers['content-type'] = 'application/json'
  const body = opts.json === undefined ? undefined : JSON.stringify(opts.json)
  const ctx = createExecutionContext()
  const res = await app.fetch(new Request(`http://laatu.test${path}`, { method, headers, body }), { ...env, DB }, ctx)
  await waitOnExecutionContext(ctx)
  return { status: res.status, starts, bookmark: res.headers.get(BOOKMARK_HEADER), text: await res.text() }
}

describe('which session a request reads through', () => {
  it('a write starts at the primary, even when it sends a bookmark', async () => {
    const plain = await recorded('POST', '/api/v1/programmes', { key: ADMIN, json: validProgramme() })
    expect(plain.status).toBe(201)
    expect(plain.starts).toEqual(['first-primary'])
    expect(plain.bookmark).toMatch(BOOKMARK)
    const sent = await recorded('POST', '/api/v1/programmes', {
      key: ADMIN,
      json: validProgramme(),
      bookmark: plain.bookmark!,
    })
    expect(sent.status).toBe(201)
    expect(sent.starts).toEqual(['first-primary'])
    expect(sent.bookmark! > plain.bookmark!).toBe(true)
  })

  it('public ratings read from a replica, from the sent bookmark when there is one', async () => {
    const { programme } = await setupProgramme()
    const path = `/api/v1/public/programmes/${programme.id}/ratings`
    const anywhere = await recorded('GET', path, {})
    expect(anywhere.status).toBe(200)
    expect(anywhere.starts).toEqual(['first-unconstrained'])
    const fromBookmark = await recorded('GET', path, { bookmark: anywhere.bookmark! })
    expect(fromBookmark.starts).toEqual([anywhere.bookmark])
    const page = await recorded('GET', `/ratings/${programme.id}`, {})
    expect(page.status).toBe(200)
    expect(page.starts).toEqual(['first-unconstrained'])
    expect(page.bookmark).toMatch(BOOKMARK)
  })

  it('a provider key reads from a replica; a procurer or admin key moves to the primary once known', async () => {
    const { programme, keyA, procurerKey } = await setupProgramme()
    const path = `/api/v1/programmes/${programme.id}/episodes`
    const provider = await recorded('GET', path, { key: keyA })
    expect(provider.status).toBe(200)
    expect(provider.starts).toEqual(['first-unconstrained'])
    // The key itself is looked up before its role is known, then the request's reads go to the primary.
    const procurer = await recorded('GET', path, { key: procurerKey, bookmark: provider.bookmark! })
    expect(procurer.status).toBe(200)
    expect(procurer.starts).toEqual([provider.bookmark, 'first-primary'])
    expect(procurer.bookmark! >= provider.bookmark!).toBe(true)
    // The admin token is checked without the database: the first query already knows the role.
    const admin = await recorded('GET', path, { key: ADMIN })
    expect(admin.starts).toEqual(['first-primary'])
  })

  it("the respondent's page starts at the primary (its view marks the invitation opened)", async () => {
    const page = await recorded('GET', `/s/${'x'.repeat(43)}`, {})
    expect(page.starts).toEqual(['first-primary'])
  })

  it('a request that never queries opens no session and sends no bookmark', async () => {
    const health = await recorded('GET', '/health', { bookmark: FUTURE })
    expect(health.status).toBe(200)
    expect(health.starts).toEqual([])
    expect(health.bookmark).toBeNull()
  })

  it('sessionStart: only GET and HEAD may start at a replica', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'])
      expect(sessionStart(method, '/api/v1/public/programmes/p/ratings', true, FUTURE)).toEqual({ primary: true })
    expect(sessionStart('HEAD', '/ratings/p', false, null)).toEqual({ primary: false, bookmark: null })
    expect(sessionStart('GET', '/api/v1/surveys', false, FUTURE)).toEqual({ primary: true })
  })
})

describe('the bookmark header', () => {
  it('a sent bookmark reaches the session: the answer is at least that fresh', async () => {
    const { programme } = await setupProgramme()
    const res = await call('GET', `/api/v1/public/programmes/${programme.id}/ratings`, {
      headers: { [BOOKMARK_HEADER]: FUTURE },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get(BOOKMARK_HEADER)! >= FUTURE).toBe(true)
  })

  it('an empty header is no bookmark', async () => {
    const res = await call('GET', '/api/v1/programmes', { key: ADMIN, headers: { [BOOKMARK_HEADER]: '' } })
    expect(res.status).toBe(200)
    expect(res.headers.get(BOOKMARK_HEADER)).toMatch(BOOKMARK)
  })

  it('a malformed bookmark is a 400 naming the header, and the request is not run', async () => {
    const name = unique('Not created')
    for (const bad of ['garbage', 'first-primary', 'first-unconstrained', FUTURE.toUpperCase(), `${FUTURE}0`]) {
      const res = await call('POST', '/api/v1/programmes', {
        key: ADMIN,
        json: validProgramme({ name }),
        headers: { [BOOKMARK_HEADER]: bad },
      })
      expect(res.status, bad).toBe(400)
      expect(res.data.error.code).toBe('malformed_request')
      expect(res.data.error.message).toContain(BOOKMARK_HEADER)
      expect(res.data.error.issues).toEqual([{ path: `headers.${BOOKMARK_HEADER}`, message: expect.any(String) }])
    }
    const list = await call('GET', '/api/v1/programmes', { key: ADMIN })
    expect(list.data.programmes.map((p: { name: string }) => p.name)).not.toContain(name)
  })

  it("read-your-writes: a procurer's import is in the next read that sends the import's bookmark", async () => {
    const { programme, providerA, keyA, procurerKey } = await setupProgramme()
    const row = episode(providerA.id)
    const imported = await call('POST', `/api/v1/programmes/${programme.id}/episodes`, {
      key: procurerKey,
      json: { episodes: [row] },
    })
    expect(imported.status).toBe(201)
    const after = imported.headers.get(BOOKMARK_HEADER)!
    expect(after).toMatch(BOOKMARK)
    for (const key of [procurerKey, keyA]) {
      const list = await call('GET', `/api/v1/programmes/${programme.id}/episodes`, {
        key,
        headers: { [BOOKMARK_HEADER]: after },
      })
      expect(list.status).toBe(200)
      expect(list.data.episodes.map((e: { externalRef: string }) => e.externalRef)).toContain(row.externalRef)
      expect(list.headers.get(BOOKMARK_HEADER)! >= after).toBe(true)
    }
  })
})

describe('SessionDb', () => {
  it('runs an atomic batch through the session: one failing statement writes nothing', async () => {
    await env.DB.prepare('CREATE TABLE IF NOT EXISTS session_probe (id INTEGER PRIMARY KEY)').run()
    const db = new SessionDb(env.DB, { primary: true })
    await db.batch([db.prepare('INSERT INTO session_probe (id) VALUES (1)')])
    await expect(
      db.batch([
        db.prepare('INSERT INTO session_probe (id) VALUES (2)'),
        db.prepare('INSERT INTO session_probe (id) VALUES (1)'),
      ]),
    ).rejects.toThrow(/UNIQUE/)
    const rows = await db.prepare('SELECT id FROM session_probe ORDER BY id').all<{ id: number }>()
    expect(rows.results).toEqual([{ id: 1 }])
    expect(db.bookmark()).toMatch(BOOKMARK)
  })

  it('refuses what a session cannot do instead of bypassing it', async () => {
    const db = new SessionDb(env.DB, { primary: false, bookmark: null })
    await expect(db.exec('SELECT 1')).rejects.toThrow(/exec\(\)/)
    await expect(db.dump()).rejects.toThrow(/dump\(\)/)
    expect(() => db.withSession()).toThrow(/already/)
    expect(db.bookmark()).toBeNull()
  })

  it('keeps the newest bookmark when a request moves from a replica session to the primary', async () => {
    let primary = false
    const db = new SessionDb(env.DB, { primary: false, bookmark: FUTURE }, () => primary)
    await db.prepare('SELECT 1').first()
    primary = true
    await db.prepare('SELECT 1').first()
    // The primary's own bookmark is older than FUTURE; the request still answers with the newest it saw.
    expect(db.bookmark()).toBe(FUTURE)
  })
})
