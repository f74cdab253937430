// The use cases called directly, with the database and a fixed clock injected: no HTTP in between.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { AnswerError, answerSurvey, declineSurvey } from '../src/app/answer-survey.ts'
import type { Delivery, Deps } from '../src/app/deps.ts'
import { createFeeRun, finaliseFeeRun } from '../src/app/fee-runs.ts'
import { importEpisodes } from '../src/app/import-episodes.ts'
import { addFeeRuleVersion, addProvider, createProgramme } from '../src/app/programmes.ts'
import { recordOutcome } from '../src/app/record-outcome.ts'
import { reissueInvitation } from '../src/app/reissue-invitation.ts'
import { openSession } from '../src/app/respondent-session.ts'
import { getEpisode } from '../src/db/episodes.ts'
import { ApiError } from '../src/http/errors.ts'
import { createProgrammeSchema } from '../src/schemas/programmes.ts'
import { unique } from './helpers.ts'

const admin = { role: 'admin', keyId: null } as const
const delivery: Delivery = { origin: 'https://laatu.example.fi', reminderDays: 7, linkSecret: 'test-link-secret' }

/** A clock that stands still until moved: every write is stamped with a known time. */
function fixedClock(start: string) {
  let now = start
  return {
    now: () => now,
    set: (iso: string) => {
      now = iso
    },
  }
}

async function programmeWithProvider(deps: Deps) {
  const body = createProgrammeSchema.parse({
    name: unique('Use cases'),
    region: 'Lappi',
    surveys: { company: 'cx-company', jobseeker: 'cx-jobseeker' },
    feeRule: { currency: 'EUR', components: [{ type: 'base', perClient: 100 }] },
  })
  const programme = await createProgramme(deps, admin, body, 30)
  const provider = await addProvider(deps, programme, { name: unique('Provider') })
  return { programme, provider }
}

const completeAnswers = {
  need_clarity: 4,
  employer_obligations: 3,
  recruitment_plan: 'dontknow',
  candidate_channels: 2,
  recruitment_decision: 4,
  use_again: 'same_provider',
}

describe('use cases with an injected clock', () => {
  it('imports episodes with links from the configured origin, stamped by the clock, and repeats idempotently', async () => {
    const clock = fixedClock('2027-03-01T08:00:00.000Z')
    const deps: Deps = { db: env.DB, now: clock.now }
    const { programme, provider } = await programmeWithProvider(deps)
    const input = {
      providerId: provider.id,
      customerType: 'company' as const,
      externalRef: unique('K'),
      startedOn: '2027-01-10',
      endedOn: '2027-02-20',
      language: 'fi' as const,
      contact: { email: 'owner@example.fi' },
    }
    const first = await importEpisodes(deps, delivery, programme, [input], admin)
    expect(first.created).toBe(1)
    const [row] = first.episodes
    expect(row.link?.url).toBe(`https://laatu.example.fi/s/${row.link?.token}`)
    expect(row.invitation!.issuedAt).toBe('2027-03-01T08:00:00.000Z')
    expect(row.invitation!.expiresAt).toBe('2027-03-31T08:00:00.000Z')
    const queued = await env.DB.prepare('SELECT kind, send_after FROM outbox WHERE invitation_id = ?1 ORDER BY kind')
      .bind(row.invitation!.id)
      .all<{ kind: string; send_after: string }>()
    expect(queued.results).toEqual([
      { kind: 'invitation', send_after: '2027-03-01T08:00:00.000Z' },
      { kind: 'reminder', send_after: '2027-03-08T08:00:00.000Z' },
    ])

    const again = await importEpisodes(deps, delivery, programme, [input], admin)
    expect(again).toMatchObject({ created: 0, existing: 1 })
    expect(again.episodes[0]).toMatchObject({ id: row.id, created: false, link: null })
    await expect(
      importEpisodes(deps, delivery, programme, [input], {
        role: 'provider',
        keyId: 'key_x',
        programmeId: programme.id,
        providerId: 'prv_other',
      }),
    ).rejects.toMatchObject({ status: 403 })
  })

  it('answers, saves page by page, completes once and refuses changes; re-issue and decline follow the status', async () => {
    const clock = fixedClock('2027-03-01T08:00:00.000Z')
    const deps: Deps = { db: env.DB, now: clock.now }
    const { programme, provider } = await programmeWithProvider(deps)
    const make = (ref: string) => ({
      providerId: provider.id,
      customerType: 'company' as const,
      externalRef: ref,
      startedOn: '2027-01-10',
      endedOn: '2027-02-20',
      language: 'fi' as const,
    })
    const imported = await importEpisodes(deps, delivery, programme, [make(unique('A')), make(unique('B'))], admin)
    const [a, b] = imported.episodes

    // Re-issue: the old token stops working, the new one opens the same invitation.
    clock.set('2027-03-02T09:00:00.000Z')
    const episodeA = (await getEpisode(env.DB, a.id))!
    const reissued = await reissueInvitation(deps, delivery, episodeA, false)
    expect(reissued.invitation.issuedAt).toBe('2027-03-02T09:00:00.000Z')
    await expect(openSession(deps, a.link!.token, { markOpen: false })).rejects.toMatchObject({ status: 404 })

    const session = await openSession(deps, reissued.token, { markOpen: true })
    expect(session.invitation.openedAt).toBe('2027-03-02T09:00:00.000Z')
    // Moving forward from page 0 checks that page's answers: nothing answered is a refusal with the issues.
    const refused = answerSurvey(
      deps,
      session,
      { answers: {}, complete: false, page: { index: 0, forward: true, shown: null } },
      null,
    )
    await expect(refused).rejects.toBeInstanceOf(AnswerError)
    const saved = await answerSurvey(deps, session, { answers: { need_clarity: 4 }, complete: false }, null)
    expect(saved).toMatchObject({ status: 'open', revealed: false })

    clock.set('2027-03-03T10:00:00.000Z')
    const done = await answerSurvey(
      deps,
      await openSession(deps, reissued.token, { markOpen: false }),
      { answers: completeAnswers, complete: true },
      'net',
    )
    expect(done).toMatchObject({ status: 'completed', idempotent: false })
    const after = await openSession(deps, reissued.token, { markOpen: false })
    expect(after.invitation.completedAt).toBe('2027-03-03T10:00:00.000Z')
    expect(await answerSurvey(deps, after, { answers: completeAnswers, complete: true }, null)).toMatchObject({
      idempotent: true,
    })
    await expect(
      answerSurvey(deps, after, { answers: { ...completeAnswers, need_clarity: 1 }, complete: true }, null),
    ).rejects.toMatchObject({ status: 409 })
    await expect(reissueInvitation(deps, delivery, episodeA, false)).rejects.toMatchObject({ status: 409 })
    await expect(declineSurvey(deps, after)).rejects.toMatchObject({ status: 409 })

    // A declined invitation cannot be answered; declining twice is harmless.
    const sessionB = await openSession(deps, b.link!.token, { markOpen: false })
    await declineSurvey(deps, sessionB)
    const declined = await openSession(deps, b.link!.token, { markOpen: false })
    expect(declined.status).toBe('declined')
    await declineSurvey(deps, declined)
    await expect(
      answerSurvey(deps, declined, { answers: completeAnswers, complete: true }, null),
    ).rejects.toMatchObject({ status: 409 })

    // After the expiry the link is gone (410), whatever the status was while it was open.
    const other = await importEpisodes(deps, delivery, programme, [make(unique('C'))], admin)
    clock.set('2027-04-30T00:00:00.000Z')
    const expired = await openSession(deps, other.episodes[0].link!.token, { markOpen: true })
    expect(expired.status).toBe('expired')
    await expect(answerSurvey(deps, expired, { answers: {}, complete: false }, null)).rejects.toMatchObject({
      status: 410,
    })
  })

  it('records an outcome once, creates a fee run as a draft stamped by the clock, and finalises it once', async () => {
    const clock = fixedClock('2027-03-01T08:00:00.000Z')
    const deps: Deps = { db: env.DB, now: clock.now }
    const { programme, provider } = await programmeWithProvider(deps)
    const imported = await importEpisodes(
      deps,
      delivery,
      programme,
      [
        {
          providerId: provider.id,
          customerType: 'company',
          externalRef: unique('R'),
          startedOn: '2027-01-10',
          endedOn: '2027-02-20',
          language: 'fi',
        },
      ],
      admin,
    )
    const episode = (await getEpisode(env.DB, imported.episodes[0].id))!
    await expect(recordOutcome(deps, episode, { type: 'recruitment', occurredOn: '2027-01-01' })).rejects.toMatchObject(
      { status: 422 },
    )
    const first = await recordOutcome(deps, episode, { type: 'recruitment', occurredOn: '2027-03-15', value: 1 })
    expect(first).toMatchObject({ created: true, outcome: { createdAt: '2027-03-01T08:00:00.000Z' } })
    expect(
      await recordOutcome(deps, episode, { type: 'recruitment', occurredOn: '2027-03-15', value: 1 }),
    ).toMatchObject({ created: false })
    await expect(
      recordOutcome(deps, episode, { type: 'recruitment', occurredOn: '2027-03-15', value: 2 }),
    ).rejects.toMatchObject({ status: 409 })

    await addFeeRuleVersion(deps, programme, { currency: 'EUR', components: [{ type: 'base', perClient: 250 }] }, null)
    const run = await createFeeRun(deps, programme, { from: '2027-01-01', to: '2027-06-30' }, null)
    expect(run).toMatchObject({ status: 'draft', ruleVersion: 2, createdAt: '2027-03-01T08:00:00.000Z' })
    expect(run.summary?.totalCents).toBe(25_000)
    await expect(
      createFeeRun(deps, programme, { from: '2027-01-01', to: '2027-06-30', ruleVersion: 9 }, null),
    ).rejects.toMatchObject({
      status: 422,
      issues: [{ path: 'ruleVersion' }],
    })

    clock.set('2027-07-01T12:00:00.000Z')
    const final = await finaliseFeeRun(deps, run)
    expect(final).toMatchObject({ status: 'final', finalisedAt: '2027-07-01T12:00:00.000Z' })
    const again = finaliseFeeRun(deps, final)
    await expect(again).rejects.toBeInstanceOf(ApiError)
    await expect(again).rejects.toMatchObject({ status: 409 })
  })
})
