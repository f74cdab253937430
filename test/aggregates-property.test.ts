// The fact buckets never give a number the raw rows would not: random sequences of writes (new clients, answers
// saved on the way, completions with item answers and network hashes, declines, re-issues, intake and follow-up
// waves, rejections, edits, purges, a new minGroup) and after each step every aggregate the endpoints read, through
// the buckets, equals the same aggregate computed from the raw rows, for every audience, period shape, customer
// type and series.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { factsFor } from '../src/app/facts.ts'
import { canonical as canon, everyAggregate as everything } from '../src/app/verify-aggregates.ts'
import { kindsOf } from '../src/db/facts/buckets.ts'
import { rawFacts } from '../src/db/facts/source.ts'
import type { Programme } from '../src/db/programmes.ts'
import { call } from './helpers.ts'
import { addClient, type Client, db, programmeWith } from './seed-scores.ts'

const MONTHS = ['2026-01', '2026-03', '2026-06', '2026-12', '2027-01']
const DAYS = ['01', '15', '28', '31']

// Adds and completions weigh more, so a provider often has answers of both survey versions of a customer type
// in one year: a merge that lost the version passed every run when each kind of step was equally likely.
const op = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('add' as const),
      provider: fc.nat(2),
      company: fc.boolean(),
      month: fc.nat(4),
      day: fc.nat(3),
      v2: fc.boolean(),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('complete' as const),
      client: fc.nat(),
      index: fc.integer({ min: 0, max: 4 }),
      answered: fc.integer({ min: 1, max: 5 }),
      net: fc.nat(2),
      straight: fc.boolean(),
    }),
  },
  fc.record({ t: fc.constant('decline' as const), client: fc.nat() }),
  fc.record({ t: fc.constant('save' as const), client: fc.nat(), answered: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ t: fc.constant('reissue' as const), client: fc.nat() }),
  fc.record({ t: fc.constant('intake' as const), client: fc.nat(), index: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ t: fc.constant('followup' as const), client: fc.nat(), answered: fc.boolean() }),
  fc.record({ t: fc.constant('reject' as const), client: fc.nat() }),
  fc.record({ t: fc.constant('edit' as const), client: fc.nat(), month: fc.nat(4) }),
  fc.record({ t: fc.constant('purge' as const), client: fc.nat() }),
  fc.record({ t: fc.constant('minGroup' as const), size: fc.integer({ min: 3, max: 4 }) }),
)

let clock = Date.parse('2027-02-01T00:00:00.000Z')
const tick = () => {
  clock += 61_000
  return new Date(clock).toISOString()
}

/** A completed response with its scored items (5 items on a 5-point scale; `answered` of them on the scale). */
function completeStatements(c: Client, index: number, answered: number, net: number, straight: boolean) {
  const at = tick()
  const positions = Array.from({ length: 5 }, (_, k) => (k < answered ? (straight ? 2 : ((index + k) % 5) + 1) : null))
  const onScale = positions.filter((p) => p !== null) as number[]
  const qi = answered * 2 >= 5 ? onScale.reduce((s, p) => s + (p - 1) * 25, 0) / onScale.length : null
  return [
    db()
      .prepare(
        `INSERT INTO responses (invitation_id, survey_id, survey_version, language, answers, completed, scored_total,
           scored_answered, quality_index, all_top, top_box, straight_line, net_hash, created_at, updated_at, completed_at, cannot_say)
         VALUES (?1, ?2, ?3, 'fi', '{}', 1, 5, ?4, ?5, ?6, ?6, ?7, ?8, ?9, ?9, ?9, ?10)
         ON CONFLICT (invitation_id) DO UPDATE SET completed = 1, scored_answered = excluded.scored_answered,
           quality_index = excluded.quality_index, all_top = excluded.all_top, top_box = excluded.top_box,
           straight_line = excluded.straight_line, net_hash = excluded.net_hash, updated_at = excluded.updated_at,
           completed_at = excluded.completed_at, cannot_say = excluded.cannot_say`,
      )
      .bind(
        c.id,
        c.survey.id,
        c.survey.version,
        onScale.length,
        qi,
        qi === 100 ? 1 : 0,
        straight ? 1 : 0,
        net === 0 ? null : `net${net}`,
        at,
        5 - onScale.length,
      ),
    ...positions.map((p, k) =>
      db()
        .prepare('INSERT INTO response_items (invitation_id, item, position, points) VALUES (?1, ?2, ?3, 5)')
        .bind(c.id, `q${k}`, p),
    ),
    db()
      .prepare(
        `UPDATE invitations SET status = 'completed', completed_at = ?2, opened_at = COALESCE(opened_at, ?2), started_at = ?2 WHERE id = ?1`,
      )
      .bind(c.id, at),
  ]
}

async function apply(o: Record<string, unknown>, pid: string, ids: string[], clients: Client[]) {
  const pick = () => clients[(o.client as number) % clients.length]!
  const isOpen = async (id: string) =>
    (await db().prepare(`SELECT status FROM invitations WHERE id = ?1`).bind(id).first<string>('status')) === 'open'
  switch (o.t) {
    case 'add': {
      const survey = { id: o.company ? 'cx-company' : 'cx-jobseeker', version: o.v2 ? 2 : 1 }
      const ended = `${MONTHS[o.month as number]}-${DAYS[o.day as number]}`
      const valid = !Number.isNaN(Date.parse(ended)) && new Date(ended).toISOString().slice(0, 10) === ended
      clients.push(
        await addClient(
          pid,
          ids[o.provider as number]!,
          o.company ? 'company' : 'jobseeker',
          valid ? ended : `${MONTHS[o.month as number]}-28`,
          survey,
        ),
      )
      return
    }
    case 'minGroup':
      await db()
        .prepare(`UPDATE programmes SET publication = json_set(publication, '$.minGroup', ?2) WHERE id = ?1`)
        .bind(pid, o.size)
        .run()
      return
  }
  if (clients.length === 0) return
  const c = pick()
  const episode = c.id.replace(/^inv_/, 'epi_')
  switch (o.t) {
    case 'complete':
      if (await isOpen(c.id))
        await db().batch(
          completeStatements(c, o.index as number, o.answered as number, o.net as number, o.straight as boolean),
        )
      return
    case 'save': {
      // Answers saved on the way: a response not completed, its scored answers so far (an outcome fact).
      if (!(await isOpen(c.id))) return
      const at = tick()
      await db().batch([
        db()
          .prepare(
            `INSERT INTO responses (invitation_id, survey_id, survey_version, language, answers, completed, scored_total,
               scored_answered, created_at, updated_at)
             VALUES (?1, ?2, ?3, 'fi', '{}', 0, 5, ?4, ?5, ?5)
             ON CONFLICT (invitation_id) DO UPDATE SET scored_answered = excluded.scored_answered, updated_at = excluded.updated_at`,
          )
          .bind(c.id, c.survey.id, c.survey.version, o.answered, at),
        db()
          .prepare(
            'UPDATE invitations SET opened_at = COALESCE(opened_at, ?2), started_at = COALESCE(started_at, ?2) WHERE id = ?1',
          )
          .bind(c.id, at),
      ])
      return
    }
    case 'decline':
      if (await isOpen(c.id))
        await db()
          .prepare(`UPDATE invitations SET status = 'declined', declined_at = ?2 WHERE id = ?1`)
          .bind(c.id, tick())
          .run()
      return
    case 'reissue':
      await db().prepare('UPDATE invitations SET reissues = reissues + 1 WHERE id = ?1').bind(c.id).run()
      return
    case 'intake': {
      const id = `${c.id}_in`
      if (await db().prepare('SELECT 1 FROM invitations WHERE id = ?1').bind(id).first()) return
      const intake: Client = { ...c, id }
      await db().batch([
        db()
          .prepare(
            `INSERT INTO invitations (id, episode_id, wave, token_hash, survey_id, survey_version, language, issued_at, expires_at)
             VALUES (?1, ?2, 'intake', ?1, ?3, ?4, 'fi', '2026-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z')`,
          )
          .bind(id, episode, c.survey.id, c.survey.version),
        ...completeStatements(intake, o.index as number, 5, 0, false),
      ])
      return
    }
    case 'followup': {
      const id = `${c.id}_fu`
      if (await db().prepare('SELECT 1 FROM invitations WHERE id = ?1').bind(id).first()) return
      const at = tick()
      await db()
        .prepare(
          `INSERT INTO invitations (id, episode_id, wave, token_hash, survey_id, survey_version, language, issued_at, expires_at, status, completed_at, opened_at, started_at)
           VALUES (?1, ?2, 'followup', ?1, 'outcome-followup', 1, 'fi', ?3, '2099-01-01T00:00:00.000Z', ?4, ?5, ?5, ?5)`,
        )
        .bind(id, episode, at, o.answered ? 'completed' : 'open', o.answered ? at : null)
        .run()
      return
    }
    case 'reject':
      await db().prepare(`UPDATE episodes SET status = 'rejected' WHERE id = ?1`).bind(episode).run()
      return
    case 'edit':
      await db()
        .prepare(
          `UPDATE episodes SET started_on = ?2, ended_on = ?2, customer_type = CASE customer_type WHEN 'company' THEN 'jobseeker' ELSE 'company' END WHERE id = ?1`,
        )
        .bind(episode, `${MONTHS[o.month as number]}-10`)
        .run()
      return
    case 'purge':
      await db().batch([
        db().prepare('DELETE FROM response_items WHERE invitation_id = ?1').bind(c.id),
        db().prepare('DELETE FROM responses WHERE invitation_id = ?1').bind(c.id),
        db()
          .prepare(`UPDATE invitations SET status = 'open', completed_at = NULL, declined_at = NULL WHERE id = ?1`)
          .bind(c.id),
      ])
      return
  }
}

const PERIODS = [
  { from: '2026-01-01', to: '2026-12-31', whole: true },
  { from: '2026-04-01', to: '2026-06-30', whole: true },
  { from: '2026-12-01', to: '2026-12-31', whole: true },
  { from: '2026-01-01', to: '2027-12-31', whole: true },
  { from: '2026-03-15', to: '2026-12-31', whole: false },
  { from: '2026-12-20', to: '2027-01-10', whole: false },
]

async function compareAll(pid: string) {
  const minGroup = (await db()
    .prepare(`SELECT json_extract(publication, '$.minGroup') AS g FROM programmes WHERE id = ?1`)
    .bind(pid)
    .first<number>('g'))!
  const programme = { id: pid, publication: { minGroup } } as Pick<Programme, 'id' | 'publication'>
  for (const period of PERIODS)
    for (const releaseGroup of period.whole ? [1, minGroup] : [1])
      for (const customerType of [null, 'company'])
        for (const surveyVersions of [null, ['cx-company@1', 'cx-jobseeker@1']]) {
          const f = { programmeId: pid, ...period, customerType, providerId: null, releaseGroup, surveyVersions }
          const kinds = kindsOf(releaseGroup > 1 ? 'released' : 'all').map((k) => k.name)
          const viaBuckets = await everything(await factsFor(db(), programme, f, kinds, tick()), f, releaseGroup === 1)
          const viaRaw = await everything(rawFacts(db(), { ...f, releaseGroup }), f, releaseGroup === 1)
          expect(canon(viaBuckets), JSON.stringify({ period, releaseGroup, customerType, surveyVersions })).toEqual(
            canon(viaRaw),
          )
        }
  // Everything read was rebuilt: no mark is left behind.
  expect(await db().prepare('SELECT COUNT(*) AS n FROM fact_dirty WHERE programme_id = ?1').bind(pid).first('n')).toBe(
    0,
  )
}

describe('fact buckets', () => {
  it('give every aggregate the raw rows give, after every step of random writes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(op, { minLength: 1, maxLength: 12 }), { minLength: 2, maxLength: 3 }),
        async (steps) => {
          const { pid, ids } = await programmeWith(3, 3)
          const clients: Client[] = []
          for (const step of steps) {
            for (const o of step) await apply(o as Record<string, unknown>, pid, ids, clients)
            await compareAll(pid)
          }
        },
      ),
      { numRuns: 5, endOnFailure: true },
    )
  }, 600_000)

  it('are built only from confirmed episodes, and a bucket built before a write is never read after it', async () => {
    const { pid, ids } = await programmeWith(1, 3)
    const c = await addClient(pid, ids[0]!, 'company', '2026-06-10')
    await db().batch(completeStatements(c, 3, 5, 1, false))
    await compareAll(pid)
    const built = await db()
      .prepare(`SELECT COUNT(*) AS n FROM fact_bucket_groups WHERE programme_id = ?1`)
      .bind(pid)
      .first<number>('n')
    expect(built).toBe(5) // June and 2026, both variants, and the day of the client's episode (every answer only)
    await db()
      .prepare(`UPDATE episodes SET status = 'rejected' WHERE id = ?1`)
      .bind(c.id.replace(/^inv_/, 'epi_'))
      .run()
    expect(
      await db().prepare('SELECT COUNT(*) AS n FROM fact_dirty WHERE programme_id = ?1').bind(pid).first('n'),
    ).toBe(1)
    await compareAll(pid)
  })

  it('are checked against the raw rows by the procurer (npm run verify:aggregates), never by a provider', async () => {
    const { pid, ids, keys, procurer } = await programmeWith(2, 3)
    const c = await addClient(pid, ids[0]!, 'company', '2026-03-10')
    await db().batch(completeStatements(c, 2, 5, 1, false))
    const listed = await call('GET', `/api/v1/programmes/${pid}/aggregates`, { key: procurer })
    expect(listed.status).toBe(200)
    expect(listed.data).toMatchObject({ programmeId: pid, periods: ['2026', '2026-03'], marked: 0 })
    for (const period of ['2026', '2026-03']) {
      const check = await call('GET', `/api/v1/programmes/${pid}/aggregates/check?period=${period}`, { key: procurer })
      expect(check.status).toBe(200)
      expect(check.data.equal).toBe(true)
      expect(check.data.checks.map((x: { variant: string }) => x.variant)).toEqual(['all', 'released'])
    }
    // A bucket edited behind the triggers' back is found.
    await db()
      .prepare(
        `UPDATE fact_bucket_groups SET sums = json_set(sums, '$[0][2][0]', 99) WHERE programme_id = ?1 AND period = '2026'`,
      )
      .bind(pid)
      .run()
    const broken = await call('GET', `/api/v1/programmes/${pid}/aggregates/check?period=2026`, { key: procurer })
    expect(broken.data.equal).toBe(false)
    expect(broken.data.checks[0].differences).toContain('sums')
    const bad = await call('GET', `/api/v1/programmes/${pid}/aggregates/check?period=2026-13`, { key: procurer })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.data)).toContain('period')
    expect((await call('GET', `/api/v1/programmes/${pid}/aggregates`, { key: keys[0] })).status).toBe(403)
  })
})
