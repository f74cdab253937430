import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { type D1Call, recordingD1, replay } from './recorded-d1.ts'

// bench:fees reads the runtime's D1 binding from the inside (a statement's SQL and bound values, the database's
// fetcher): these tests fail when a workerd update moves them.
describe('recorded D1 calls (bench:fees)', () => {
  it('records each call as the binding sends it, in order, and replays it with the same effect', async () => {
    await env.DB.exec('CREATE TABLE IF NOT EXISTS replayed (id INTEGER PRIMARY KEY, label TEXT)')
    const calls: D1Call[] = []
    const db = recordingD1(env.DB, calls)
    await db.prepare('INSERT INTO replayed (id, label) VALUES (?1, ?2)').bind(1, 'one').run()
    await db.batch([
      db.prepare('INSERT INTO replayed (id, label) VALUES (?1, ?2)').bind(2, 'two'),
      db.prepare('INSERT INTO replayed (id, label) VALUES (?1, ?2)').bind(3, true),
    ])
    expect(await db.prepare('SELECT count(*) AS n FROM replayed').first('n')).toBe(3)
    const written = await env.DB.prepare('SELECT id, label FROM replayed ORDER BY id').all()
    expect(calls).toEqual([
      {
        path: '/execute?resultsFormat=NONE',
        body: { sql: 'INSERT INTO replayed (id, label) VALUES (?1, ?2)', params: [1, 'one'] },
      },
      {
        path: '/query?resultsFormat=ROWS_AND_COLUMNS',
        body: [
          { sql: 'INSERT INTO replayed (id, label) VALUES (?1, ?2)', params: [2, 'two'] },
          // as bind converts it for the wire
          { sql: 'INSERT INTO replayed (id, label) VALUES (?1, ?2)', params: [3, 1] },
        ],
      },
      {
        path: '/query?resultsFormat=ROWS_AND_COLUMNS',
        body: { sql: 'SELECT count(*) AS n FROM replayed', params: [] },
      },
    ])

    await env.DB.exec('DELETE FROM replayed')
    const answered: number[] = []
    expect(await replay(env.DB, calls, 'dry', answered)).toEqual({ calls: 3, bytes: 0, failed: 0 })
    const real = await replay(env.DB, calls, 'real', answered)
    expect(real).toMatchObject({ calls: 3, failed: 0 })
    expect(answered).toHaveLength(3)
    expect(real.bytes).toBe(answered.reduce((a, b) => a + b, 0))
    const rows = await env.DB.prepare('SELECT id, label FROM replayed ORDER BY id').all()
    expect(rows.results).toHaveLength(3)
    expect(rows.results).toEqual(written.results)
    // As many bytes again, through a SELECT of one string.
    const echo = await replay(env.DB, calls, 'echo', answered)
    expect(echo.failed).toBe(0)
    expect(Math.abs(echo.bytes - real.bytes)).toBeLessThan(3 * 400)
    // Replayed again, the inserts collide with the rows they wrote: counted as failed.
    expect((await replay(env.DB, calls, 'real', answered)).failed).toBe(2)
  })
})
