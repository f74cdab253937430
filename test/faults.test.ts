import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { call, episode, setupProgramme } from './helpers.ts'

// Storage is isolated per test file, so breaking a table here touches no other test.
const ANSWERS = {
  need_clarity: 4,
  employer_obligations: 3,
  recruitment_plan: 2,
  candidate_channels: 1,
  recruitment_decision: 4,
  use_again: 'same_provider',
}

/** Every insert into the table now fails with the message D1 gives when it loses its connection. */
async function loseConnectionOnInsertInto(table: string) {
  await env.DB.prepare(
    `CREATE TRIGGER lose_${table} BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, 'Network connection lost.'); END`,
  ).run()
  return () => env.DB.prepare(`DROP TRIGGER lose_${table}`).run()
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('a transient database fault in the middle of a completion', () => {
  it('answers 503 with a retryable code, leaves no partial row, and the retry is stored exactly once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const s = await setupProgramme()
    const [e] = (
      await call('POST', `/api/v1/programmes/${s.programme.id}/episodes`, {
        key: s.procurerKey,
        json: { episodes: [episode(s.providerA.id)] },
      })
    ).data.episodes
    const token = e.invitation.token
    await call('PUT', `/api/v1/respond/${token}`, { json: { answers: { need_clarity: 4 } } })

    // The completion's second statement (the item rows) will fail: the batch must roll back whole.
    const restore = await loseConnectionOnInsertInto('response_items')
    const failed = await call('PUT', `/api/v1/respond/${token}`, { json: { answers: ANSWERS, complete: true } })
    expect(failed.status).toBe(503)
    expect(failed.data.error.code).toBe('temporarily_unavailable')
    expect(failed.headers.get('retry-after')).toBe('5')
    const requestId = failed.headers.get('x-request-id')
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`request ${requestId}: database unavailable`))
    const inv = await env.DB.prepare('SELECT status FROM invitations WHERE id = ?1')
      .bind(e.invitation.id)
      .first<{ status: string }>()
    expect(inv!.status).toBe('open')
    const partial = await env.DB.prepare('SELECT completed, answers FROM responses WHERE invitation_id = ?1')
      .bind(e.invitation.id)
      .first<{ completed: number; answers: string }>()
    expect(partial).toEqual({ completed: 0, answers: JSON.stringify({ need_clarity: 4 }) })

    await restore()
    const retried = await call('PUT', `/api/v1/respond/${token}`, { json: { answers: ANSWERS, complete: true } })
    expect(retried.status).toBe(200)
    const again = await call('PUT', `/api/v1/respond/${token}`, { json: { answers: ANSWERS, complete: true } })
    expect(again.data.idempotent).toBe(true)
    const items = await env.DB.prepare('SELECT COUNT(*) AS n FROM response_items WHERE invitation_id = ?1')
      .bind(e.invitation.id)
      .first<{ n: number }>()
    expect(items!.n).toBe(5)
  })

  it('imports no episode when the invitation insert fails half-way', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const s = await setupProgramme()
    const restore = await loseConnectionOnInsertInto('invitations')
    const res = await call('POST', `/api/v1/programmes/${s.programme.id}/episodes`, {
      key: s.procurerKey,
      json: { episodes: [episode(s.providerA.id)] },
    })
    expect(res.status).toBe(503)
    await restore()
    const n = await env.DB.prepare('SELECT COUNT(*) AS n FROM episodes WHERE programme_id = ?1')
      .bind(s.programme.id)
      .first<{ n: number }>()
    expect(n!.n).toBe(0)
  })
})

describe('an error that is no passing fault (a bug)', () => {
  it('answers 500 with code internal and the request id, which the log line carries too', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const s = await setupProgramme()
    // A table the code expects is missing: retrying cannot help.
    await env.DB.exec('ALTER TABLE invitations RENAME TO invitations_away')
    try {
      const res = await call('POST', `/api/v1/programmes/${s.programme.id}/episodes`, {
        key: s.procurerKey,
        json: { episodes: [episode(s.providerA.id)] },
        headers: { 'cf-ray': '8f1e2d3c4b5a6978-HEL' },
      })
      expect(res.status).toBe(500)
      expect(res.headers.get('retry-after')).toBeNull()
      expect(res.data.error).toMatchObject({ code: 'internal', issues: [], requestId: '8f1e2d3c4b5a6978-HEL' })
      expect(res.data.error.message).not.toContain('invitations')
      expect(res.headers.get('x-request-id')).toBe('8f1e2d3c4b5a6978-HEL')
      expect(error).toHaveBeenCalledTimes(1)
      expect(error.mock.calls[0][0]).toMatch(/^request 8f1e2d3c4b5a6978-HEL: internal error, .*no such table/)
    } finally {
      await env.DB.exec('ALTER TABLE invitations_away RENAME TO invitations')
    }
  })

  it('names a request without a Ray ID with a fresh UUID', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const s = await setupProgramme()
    await env.DB.exec('ALTER TABLE providers RENAME TO providers_away')
    try {
      const res = await call('GET', `/api/v1/programmes/${s.programme.id}/providers`, { key: s.procurerKey })
      expect(res.status).toBe(500)
      expect(res.data.error.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      expect(res.headers.get('x-request-id')).toBe(res.data.error.requestId)
    } finally {
      await env.DB.exec('ALTER TABLE providers_away RENAME TO providers')
    }
  })
})
