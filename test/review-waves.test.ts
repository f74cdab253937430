// Review of invitation waves: an intake (or follow-up) invitation that closes must not take the contact data
// the episode's still open exit invitation needs (its reminder, a re-issued link); otherwise an intake answer
// lowers the exit response rate. The privacy sweep erases an episode's contact once none of its invitations
// is open any more.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { linkSettings } from '../src/app/deps.ts'
import { runDelivery } from '../src/delivery/job.ts'
import { call, episode, setupProgramme } from './helpers.ts'

const contactOf = (episodeId: string) =>
  env.DB.prepare('SELECT contact_email AS email FROM episodes WHERE id = ?1')
    .bind(episodeId)
    .first<{ email: string | null }>()
    .then((r) => r!.email)

describe('the privacy sweep with waves', () => {
  it('keeps the contact while the exit invitation is open, though the intake one is completed', async () => {
    const s = await setupProgramme()
    const res = await call('POST', `/api/v1/programmes/${s.programme.id}/episodes`, {
      key: s.procurerKey,
      json: { episodes: [episode(s.providerA.id, { contact: { email: 'aalto@example.fi' } })] },
    })
    expect(res.status).toBe(201)
    const { id: episodeId, invitation } = res.data.episodes[0]
    await env.DB.prepare(
      `INSERT INTO invitations (id, episode_id, wave, token_hash, survey_id, survey_version, language, status,
         issued_at, expires_at, completed_at)
       VALUES (?1, ?2, 'intake', ?3, 'cx-company', 2, 'fi', 'completed', ?4, '2099-01-01T00:00:00.000Z', ?4)`,
    )
      .bind(`inv_intake_${episodeId}`, episodeId, `hash-intake-${episodeId}`, invitation.issuedAt)
      .run()
    const soon = new Date(Date.parse(invitation.issuedAt) + 60_000).toISOString()
    await runDelivery(env.DB, soon, async () => {}, 'http://laatu.test', linkSettings(env))
    expect(await contactOf(episodeId)).toBe('aalto@example.fi')

    // once the exit invitation closes too, the contact goes
    expect((await call('POST', `/api/v1/respond/${invitation.token}/decline`)).status).toBe(200)
    await runDelivery(env.DB, soon, async () => {}, 'http://laatu.test', linkSettings(env))
    expect(await contactOf(episodeId)).toBeNull()
  })
})
