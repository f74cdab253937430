import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import {
  call,
  type Episode,
  episode,
  type ImportedEpisode,
  type Issue,
  type Json,
  setupProgramme,
  unique,
} from './helpers.ts'

const count = async (sql: string, ...args: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...args)
    .first<{ n: number }>())!.n

describe('episode import (JSON)', () => {
  it('stores episodes with one personal invitation each and returns the token once', async () => {
    const { programme, providerA, providerB, procurerKey } = await setupProgramme()
    const rows = [
      episode(providerA.id, { language: 'sv' }),
      episode(providerB.id, { customerType: 'jobseeker', contact: { email: 'a@example.fi' } }),
    ]
    const res = await call('POST', `/api/v1/programmes/${programme.id}/episodes`, {
      key: procurerKey,
      json: { episodes: rows },
    })
    expect(res.status).toBe(201)
    expect(res.data.created).toBe(2)
    const [first, second] = res.data.episodes
    expect(first.externalRef).toBe(rows[0].externalRef)
    expect(first.invitation.token).toMatch(/^[A-Za-z0-9_-]{43}$/) // 256 bits
    expect(first.invitation.url).toBe(`http://laatu.test/s/${first.invitation.token}`)
    expect(first.invitation).toMatchObject({ status: 'open', language: 'sv', surveyId: 'cx-company' })
    expect(second.invitation.surveyId).toBe('cx-jobseeker')
    expect(Date.parse(first.invitation.expiresAt) - Date.parse(first.invitation.issuedAt)).toBe(30 * 86_400_000)
    // only the hash is stored
    expect(await count('SELECT COUNT(*) AS n FROM invitations WHERE token_hash = ?1', first.invitation.token)).toBe(0)
    const detail = await call('GET', `/api/v1/episodes/${second.id}`, { key: procurerKey })
    expect(detail.data).toMatchObject({ customerType: 'jobseeker', hasContact: true })
    expect(JSON.stringify(detail.data)).not.toContain('a@example.fi')
  })

  it('is idempotent by externalRef: the same episode again returns the stored one without a new token', async () => {
    const { programme, providerA, procurerKey } = await setupProgramme()
    const row = episode(providerA.id)
    const first = await call('POST', `/api/v1/programmes/${programme.id}/episodes`, {
      key: procurerKey,
      json: { episodes: [row] },
    })
    const again = await call('POST', `/api/v1/programmes/${programme.id}/episodes`, {
      key: procurerKey,
      json: { episodes: [row, row] },
    })
    expect(again.status).toBe(200)
    expect(again.data).toMatchObject({ created: 0, existing: 1 })
    expect(again.data.episodes).toHaveLength(1)
    expect(again.data.episodes[0]).toMatchObject({
      id: first.data.episodes[0].id,
      created: false,
      invitation: { token: null },
    })
    expect(await count('SELECT COUNT(*) AS n FROM episodes WHERE external_ref = ?1', row.externalRef)).toBe(1)
  })

  it('answers 409 for a stored externalRef with other data and stores nothing of the request', async () => {
    const { programme, providerA, procurerKey } = await setupProgramme()
    const row = episode(providerA.id)
    await call('POST', `/api/v1/programmes/${programme.id}/episodes`, { key: procurerKey, json: { episodes: [row] } })
    const fresh = episode(providerA.id)
    const res = await call('POST', `/api/v1/programmes/${programme.id}/episodes`, {
      key: procurerKey,
      json: { episodes: [fresh, { ...row, endedOn: '2026-03-01' }] },
    })
    expect(res.status).toBe(409)
    expect(res.data.error.issues[0].path).toBe('episodes[1].externalRef')
    expect(await count('SELECT COUNT(*) AS n FROM episodes WHERE external_ref = ?1', fresh.externalRef)).toBe(0)
  })

  it('is all or nothing: any bad row gives 422 listing every bad row and field, and stores no row', async () => {
    const { programme, providerA, procurerKey } = await setupProgramme()
    const good = episode(providerA.id)
    const before = await count('SELECT COUNT(*) AS n FROM episodes WHERE programme_id = ?1', programme.id)
    const res = await call('POST', `/api/v1/programmes/${programme.id}/episodes`, {
      key: procurerKey,
      json: {
        episodes: [
          good,
          episode(providerA.id, { endedOn: '2025-12-31' }),
          episode(providerA.id, { customerType: 'person', startedOn: '2026-02-30' }),
          episode(providerA.id, { language: 'de', contact: { email: 'not-an-email' } }),
        ],
      },
    })
    expect(res.status).toBe(422)
    expect(res.data.error.issues.map((i: Issue) => i.path).sort()).toEqual(
      [
        'episodes[1].endedOn',
        'episodes[2].customerType',
        'episodes[2].startedOn',
        'episodes[3].contact.email',
        'episodes[3].language',
      ].sort(),
    )
    // plain words, without the path again and without the validation library's wording
    const said = Object.fromEntries(res.data.error.issues.map((i: Issue) => [i.path, i.message]))
    expect(said['episodes[2].customerType']).toBe('must be company or jobseeker')
    expect(said['episodes[3].language']).toBe('must be fi, sv or en')
    expect(said['episodes[3].contact.email']).toBe('must be an email address')
    for (const issue of res.data.error.issues) {
      expect(issue.message).not.toContain(issue.path)
      expect(issue.message).not.toMatch(/Invalid|expected/)
    }
    const unknownProvider = await call('POST', `/api/v1/programmes/${programme.id}/episodes`, {
      key: procurerKey,
      json: { episodes: [good, episode('prv_unknown')] },
    })
    expect(unknownProvider.status).toBe(422)
    expect(unknownProvider.data.error.issues[0].path).toBe('episodes[1].providerId')
    expect(await count('SELECT COUNT(*) AS n FROM episodes WHERE programme_id = ?1', programme.id)).toBe(before)
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM invitations i JOIN episodes e ON e.id = i.episode_id WHERE e.programme_id = ?1',
        programme.id,
      ),
    ).toBe(before)
  })

  it('refuses the same externalRef twice in one request with different data', async () => {
    const { programme, providerA, procurerKey } = await setupProgramme()
    const row = episode(providerA.id)
    const res = await call('POST', `/api/v1/programmes/${programme.id}/episodes`, {
      key: procurerKey,
      json: { episodes: [row, { ...row, riskClass: 'B' }] },
    })
    expect(res.status).toBe(422)
    expect(res.data.error.issues[0].path).toBe('episodes[1].externalRef')
  })

  it('accepts 5,000 episodes in one request and refuses 5,001', async () => {
    const { programme, providerA, procurerKey } = await setupProgramme()
    const many = Array.from({ length: 5000 }, (_, i) =>
      episode(providerA.id, { externalRef: `bulk-${i}`, contact: { email: `c${i}@example.fi` } }),
    )
    const res = await call('POST', `/api/v1/programmes/${programme.id}/episodes`, {
      key: procurerKey,
      json: { episodes: many },
    })
    expect(res.status).toBe(201)
    expect(res.data.created).toBe(5000)
    expect(new Set(res.data.episodes.map((e: ImportedEpisode) => e.invitation?.token)).size).toBe(5000)
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM invitations i JOIN episodes e ON e.id = i.episode_id WHERE e.programme_id = ?1',
        programme.id,
      ),
    ).toBe(5000)
    const tooMany = await call('POST', `/api/v1/programmes/${programme.id}/episodes`, {
      key: procurerKey,
      json: { episodes: [...many, episode(providerA.id)] },
    })
    expect(tooMany.status).toBe(422)
    expect(tooMany.data.error.issues[0].path).toBe('episodes')
  })

  it('needs a JSON or CSV body', async () => {
    const { programme, procurerKey } = await setupProgramme()
    const res = await call('POST', `/api/v1/programmes/${programme.id}/episodes`, {
      key: procurerKey,
      body: '<xml/>',
      headers: { 'content-type': 'application/xml' },
    })
    expect(res.status).toBe(415)
    const bad = await call('POST', `/api/v1/programmes/${programme.id}/episodes`, {
      key: procurerKey,
      body: '{oops',
      headers: { 'content-type': 'application/json' },
    })
    expect(bad.status).toBe(400)
  })
})

describe('episode import (CSV)', () => {
  it('reads quoted fields, a UTF-8 BOM and CRLF rows like JSON', async () => {
    const { programme, providerA, procurerKey } = await setupProgramme()
    const ref1 = unique('csv')
    const ref2 = unique('csv')
    const csv =
      '\uFEFFproviderId,customerType,externalRef,serviceType,startedOn,endedOn,riskClass,language,email\r\n' +
      `${providerA.id},company,${ref1},"coaching, group",2026-01-01,2026-01-31,A,fi,"x@example.fi"\r\n` +
      `${providerA.id},jobseeker,"${ref2}","say ""hi""",2026-01-01,2026-02-01,,sv,\r\n`
    const res = await call('POST', `/api/v1/programmes/${programme.id}/episodes`, { key: procurerKey, csv })
    expect(res.status, JSON.stringify(res.data)).toBe(201)
    expect(res.data.created).toBe(2)
    const list = await call('GET', `/api/v1/programmes/${programme.id}/episodes`, { key: procurerKey })
    const byRef = Object.fromEntries(list.data.episodes.map((e: Episode) => [e.externalRef, e]))
    expect(byRef[ref1]).toMatchObject({
      serviceType: 'coaching, group',
      riskClass: 'A',
      language: 'fi',
      hasContact: true,
    })
    expect(byRef[ref2]).toMatchObject({
      serviceType: 'say "hi"',
      riskClass: null,
      language: 'sv',
      customerType: 'jobseeker',
    })
    // the same file again is a harmless repeat
    const again = await call('POST', `/api/v1/programmes/${programme.id}/episodes`, { key: procurerKey, csv })
    expect(again.status).toBe(200)
    expect(again.data.existing).toBe(2)
  })

  it('reports CSV rows with the same paths as JSON, and unknown columns, and stores nothing', async () => {
    const { programme, providerA, procurerKey } = await setupProgramme()
    const csv = `providerId,customerType,externalRef,startedOn,endedOn\n${providerA.id},company,${unique('c')},2026-01-01,2026-01-31\n${providerA.id},firm,${unique('c')},2026-01-01,yesterday\n`
    const res = await call('POST', `/api/v1/programmes/${programme.id}/episodes`, { key: procurerKey, csv })
    expect(res.status).toBe(422)
    // named as the file has them: the header is line 1, so the second row is line 3
    expect(res.data.error.issues).toEqual([
      { path: 'line 3.customerType', message: 'line 3, column customerType: must be company or jobseeker' },
      { path: 'line 3.endedOn', message: 'line 3, column endedOn: must be a calendar date written YYYY-MM-DD' },
    ])
    // a quoted cell over two lines moves the rows below it; the column is named as the header spelled it
    const quoted = `providerId,customerType,externalRef,startedOn,endedOn,EMAIL\n${providerA.id},company,"two\nlines",2026-01-01,2026-01-31,\n${providerA.id},company,${unique('c')},2026-01-01,2026-01-31,not-an-email\n`
    const moved = await call('POST', `/api/v1/programmes/${programme.id}/episodes`, { key: procurerKey, csv: quoted })
    expect(moved.status).toBe(422)
    expect(moved.data.error.issues).toContainEqual({
      path: 'line 4.EMAIL',
      message: 'line 4, column EMAIL: must be an email address',
    })
    // a check made after the schema (an unknown provider) is named the same way
    const nobody = await call('POST', `/api/v1/programmes/${programme.id}/episodes`, {
      key: procurerKey,
      csv: `providerId,customerType,externalRef,startedOn,endedOn\nprv_nobody,company,${unique('c')},2026-01-01,2026-01-31\n`,
    })
    expect(nobody.status).toBe(422)
    expect(nobody.data.error.issues).toEqual([
      { path: 'line 2.providerId', message: 'line 2, column providerId: no provider prv_nobody in this programme' },
    ])
    const cols = await call('POST', `/api/v1/programmes/${programme.id}/episodes`, {
      key: procurerKey,
      csv: 'providerId,favouriteColour\nx,red\n',
    })
    expect(cols.status).toBe(422)
    expect(cols.data.error.issues[0].message).toContain('favouriteColour')
    const unclosed = await call('POST', `/api/v1/programmes/${programme.id}/episodes`, {
      key: procurerKey,
      csv: 'providerId\n"abc\n',
    })
    expect(unclosed.status).toBe(422)
    expect(await count('SELECT COUNT(*) AS n FROM episodes WHERE programme_id = ?1', programme.id)).toBe(0)
  })
})

describe('scope isolation', () => {
  it('lets a provider import and see only its own episodes', async () => {
    const { programme, providerA, providerB, keyA, keyB, procurerKey } = await setupProgramme()
    const own = await call('POST', `/api/v1/programmes/${programme.id}/episodes`, {
      key: keyA,
      json: { episodes: [episode(providerA.id)] },
    })
    expect(own.status).toBe(201)
    const foreign = await call('POST', `/api/v1/programmes/${programme.id}/episodes`, {
      key: keyA,
      json: { episodes: [episode(providerB.id)] },
    })
    expect(foreign.status).toBe(403)
    expect(foreign.data.error.issues[0].path).toBe('episodes[0].providerId')
    await call('POST', `/api/v1/programmes/${programme.id}/episodes`, {
      key: procurerKey,
      json: { episodes: [episode(providerB.id)] },
    })
    const seenByA = await call('GET', `/api/v1/programmes/${programme.id}/episodes`, { key: keyA })
    expect(seenByA.data.episodes.every((e: Episode) => e.providerId === providerA.id)).toBe(true)
    expect(seenByA.data.episodes).toHaveLength(1)
    const peek = await call('GET', `/api/v1/programmes/${programme.id}/episodes?providerId=${providerB.id}`, {
      key: keyA,
    })
    expect(peek.status).toBe(403)
    const bEpisode = (await call('GET', `/api/v1/programmes/${programme.id}/episodes`, { key: keyB })).data.episodes[0]
    expect((await call('GET', `/api/v1/episodes/${bEpisode.id}`, { key: keyA })).status).toBe(404)
    expect((await call('GET', `/api/v1/episodes/${bEpisode.id}`, { key: keyB })).status).toBe(200)
  })

  it('shows a provider key no invitation status or client timestamps; the procurer sees them', async () => {
    const { programme, providerA, keyA, procurerKey } = await setupProgramme()
    const imported = await call('POST', `/api/v1/programmes/${programme.id}/episodes`, {
      key: procurerKey,
      json: { episodes: [episode(providerA.id), episode(providerA.id)] },
    })
    const [done, declined] = imported.data.episodes
    await call('PUT', `/api/v1/respond/${done.invitation.token}`, {
      json: {
        answers: {
          need_clarity: 4,
          employer_obligations: 4,
          recruitment_plan: 4,
          candidate_channels: 4,
          recruitment_decision: 4,
          use_again: 'same_provider',
        },
        complete: true,
      },
    })
    await call('POST', `/api/v1/respond/${declined.invitation.token}/decline`)
    const clientSet = ['status', 'openedAt', 'startedAt', 'completedAt', 'declinedAt']
    const list = await call('GET', `/api/v1/programmes/${programme.id}/episodes`, { key: keyA })
    const one = await call('GET', `/api/v1/episodes/${done.id}`, { key: keyA })
    const other = await call('GET', `/api/v1/episodes/${declined.id}`, { key: keyA })
    for (const inv of [
      ...list.data.episodes.map((e: Json) => e.invitation),
      one.data.invitation,
      other.data.invitation,
    ]) {
      for (const field of clientSet) expect(inv).not.toHaveProperty(field)
      expect(inv).toHaveProperty('expiresAt')
    }
    // the two invitations read alike to the provider, whatever their clients did
    const strip = (i: Json) => ({ ...i, id: '', episodeId: '', issuedAt: '', expiresAt: '' })
    expect(strip(one.data.invitation)).toEqual(strip(other.data.invitation))
    // re-importing or re-issuing tells it nothing either
    const again = await call('POST', `/api/v1/programmes/${programme.id}/episodes`, {
      key: keyA,
      json: { episodes: [{ ...episode(providerA.id), externalRef: 'fresh-one' }] },
    })
    // (a provider's import waits for the procurer's confirmation: no invitation yet; only the procurer
    // re-issues links under the default custody)
    expect(again.data.episodes[0]).toMatchObject({ status: 'pending', invitation: null })
    const reissue = await call('POST', `/api/v1/episodes/${done.id}/invitation`, { key: keyA })
    expect(reissue.status).toBe(403)
    expect(reissue.data.error.message).not.toMatch(/completed|declined/)
    // the procurer still sees everything
    const seen = await call('GET', `/api/v1/episodes/${done.id}`, { key: procurerKey })
    expect(seen.data.invitation).toMatchObject({ status: 'completed', completedAt: expect.any(String) })
    const procurerList = await call('GET', `/api/v1/programmes/${programme.id}/episodes`, { key: procurerKey })
    expect(procurerList.data.episodes.map((e: Json) => e.invitation?.status).sort()).toContain('declined')
  })

  it('keeps another programme out of reach', async () => {
    const one = await setupProgramme()
    const two = await setupProgramme()
    const res = await call('POST', `/api/v1/programmes/${two.programme.id}/episodes`, {
      key: one.procurerKey,
      json: { episodes: [episode(two.providerA.id)] },
    })
    expect(res.status).toBe(403)
    const created = await call('POST', `/api/v1/programmes/${two.programme.id}/episodes`, {
      key: two.procurerKey,
      json: { episodes: [episode(two.providerA.id)] },
    })
    const eid = created.data.episodes[0].id
    expect((await call('GET', `/api/v1/episodes/${eid}`, { key: one.procurerKey })).status).toBe(403)
    expect((await call('POST', `/api/v1/episodes/${eid}/invitation`, { key: one.procurerKey })).status).toBe(403)
  })
})

describe('invitations and outcomes', () => {
  it('re-issues an invitation: a new token, and the old one stops working', async () => {
    const { programme, providerA, procurerKey } = await setupProgramme()
    const created = (
      await call('POST', `/api/v1/programmes/${programme.id}/episodes`, {
        key: procurerKey,
        json: { episodes: [episode(providerA.id)] },
      })
    ).data
    const [e] = created.episodes
    const re = await call('POST', `/api/v1/episodes/${e.id}/invitation`, { key: procurerKey })
    expect(re.status).toBe(201)
    expect(re.data.token).not.toBe(e.invitation.token)
    expect(re.data.id).toBe(e.invitation.id)
    expect(re.data.url).toBe(`http://laatu.test/s/${re.data.token}`)
    expect((await call('GET', `/api/v1/respond/${e.invitation.token}`)).status).toBe(404)
    expect((await call('GET', `/api/v1/respond/${re.data.token}`)).status).toBe(200)
    expect((await call('POST', '/api/v1/episodes/epi_none/invitation', { key: procurerKey })).status).toBe(404)
  })

  it('records outcomes once, refuses a clash, and lets only the procurer record them', async () => {
    const { programme, providerA, procurerKey, keyA } = await setupProgramme()
    const eid = (
      await call('POST', `/api/v1/programmes/${programme.id}/episodes`, {
        key: procurerKey,
        json: { episodes: [episode(providerA.id)] },
      })
    ).data.episodes[0].id
    const body = { type: 'recruitment', occurredOn: '2026-03-15', value: 0.5 }
    const first = await call('POST', `/api/v1/episodes/${eid}/outcomes`, { key: procurerKey, json: body })
    expect(first.status).toBe(201)
    const again = await call('POST', `/api/v1/episodes/${eid}/outcomes`, { key: procurerKey, json: body })
    expect(again.status).toBe(200)
    expect(again.data.id).toBe(first.data.id)
    const clash = await call('POST', `/api/v1/episodes/${eid}/outcomes`, {
      key: procurerKey,
      json: { ...body, value: 1 },
    })
    expect(clash.status).toBe(409)
    const early = await call('POST', `/api/v1/episodes/${eid}/outcomes`, {
      key: procurerKey,
      json: { type: 'plan', occurredOn: '2025-01-01' },
    })
    expect(early.status).toBe(422)
    expect(early.data.error.issues[0].path).toBe('occurredOn')
    const badType = await call('POST', `/api/v1/episodes/${eid}/outcomes`, {
      key: procurerKey,
      json: { type: 'Big Win!', occurredOn: '2026-03-15' },
    })
    expect(badType.status).toBe(422)
    expect(badType.data.error.issues[0].path).toBe('type')
    expect(
      (
        await call('POST', `/api/v1/episodes/${eid}/outcomes`, {
          key: keyA,
          json: { type: 'plan', occurredOn: '2026-03-01' },
        })
      ).status,
    ).toBe(403)
    const listed = await call('GET', `/api/v1/episodes/${eid}/outcomes`, { key: keyA })
    expect(listed.data.outcomes).toHaveLength(1)
  })
})
