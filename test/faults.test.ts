import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
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

describe('a database fault in the middle of a completion', () => {
  it('answers 503 with a retryable code, leaves no partial row, and the retry is stored exactly once', async () => {
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
    await env.DB.exec('ALTER TABLE response_items RENAME TO response_items_away')
    const failed = await call('PUT', `/api/v1/respond/${token}`, { json: { answers: ANSWERS, complete: true } })
    expect(failed.status).toBe(503)
    expect(failed.data.error.code).toBe('temporarily_unavailable')
    const inv = await env.DB.prepare('SELECT status FROM invitations WHERE id = ?1')
      .bind(e.invitation.id)
      .first<{ status: string }>()
    expect(inv!.status).toBe('open')
    const partial = await env.DB.prepare('SELECT completed, answers FROM responses WHERE invitation_id = ?1')
      .bind(e.invitation.id)
      .first<{ completed: number; answers: string }>()
    expect(partial).toEqual({ completed: 0, answers: JSON.stringify({ need_clarity: 4 }) })

    await env.DB.exec('ALTER TABLE response_items_away RENAME TO response_items')
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
    const s = await setupProgramme()
    await env.DB.exec('ALTER TABLE invitations RENAME TO invitations_away')
    const res = await call('POST', `/api/v1/programmes/${s.programme.id}/episodes`, {
      key: s.procurerKey,
      json: { episodes: [episode(s.providerA.id)] },
    })
    expect(res.status).toBe(503)
    await env.DB.exec('ALTER TABLE invitations_away RENAME TO invitations')
    const n = await env.DB.prepare('SELECT COUNT(*) AS n FROM episodes WHERE programme_id = ?1')
      .bind(s.programme.id)
      .first<{ n: number }>()
    expect(n!.n).toBe(0)
  })
})
