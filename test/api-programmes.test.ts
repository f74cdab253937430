import { describe, expect, it } from 'vitest'
import {
  type AccessKey,
  ADMIN,
  call,
  type Issue,
  type Programme,
  type Provider,
  setupProgramme,
  unique,
  validProgramme,
} from './helpers.ts'

const errorShape = (data: unknown) => {
  expect(data).toMatchObject({
    error: { code: expect.any(String), message: expect.any(String), issues: expect.any(Array) },
  })
}

describe('authentication', () => {
  it('refuses a missing, malformed or unknown key with 401', async () => {
    for (const headers of [{}, { authorization: 'Basic abc' }, { authorization: 'Bearer nope' }] as Record<
      string,
      string
    >[]) {
      const res = await call('GET', '/api/v1/programmes', { headers })
      expect(res.status).toBe(401)
      errorShape(res.data)
      expect(res.data.error.code).toBe('unauthorized')
    }
  })

  it('refuses a revoked key and an expired key', async () => {
    const { programme } = await setupProgramme()
    const created = (
      await call('POST', '/api/v1/keys', { key: ADMIN, json: { role: 'procurer', programmeId: programme.id } })
    ).data
    expect((await call('GET', `/api/v1/programmes/${programme.id}`, { key: created.key })).status).toBe(200)
    const revoked = await call('DELETE', `/api/v1/keys/${created.id}`, { key: ADMIN })
    expect(revoked.status).toBe(200)
    expect(revoked.data.revokedAt).toEqual(expect.any(String))
    expect((await call('GET', `/api/v1/programmes/${programme.id}`, { key: created.key })).status).toBe(401)

    const expired = (
      await call('POST', '/api/v1/keys', {
        key: ADMIN,
        json: { role: 'procurer', programmeId: programme.id, expiresAt: '2020-01-01T00:00:00Z' },
      })
    ).data
    expect((await call('GET', `/api/v1/programmes/${programme.id}`, { key: expired.key })).status).toBe(401)
  })
})

describe('who am I', () => {
  it('tells a key its role and scope', async () => {
    const { programme, providerA, keyA, procurerKey } = await setupProgramme()
    expect((await call('GET', '/api/v1/me', { key: keyA })).data).toMatchObject({
      role: 'provider',
      programmeId: programme.id,
      providerId: providerA.id,
    })
    expect((await call('GET', '/api/v1/me', { key: procurerKey })).data).toMatchObject({
      role: 'procurer',
      programmeId: programme.id,
    })
    expect((await call('GET', '/api/v1/me', { key: ADMIN })).data).toEqual({ role: 'admin', keyId: null })
    expect((await call('GET', '/api/v1/me')).status).toBe(401)
  })
})

describe('keys', () => {
  it('returns the key once and stores only its hash', async () => {
    const { programme } = await setupProgramme()
    const res = await call('POST', '/api/v1/keys', {
      key: ADMIN,
      json: { role: 'procurer', programmeId: programme.id, label: 'finance' },
    })
    expect(res.status).toBe(201)
    expect(res.data.key).toMatch(/^lk_[A-Za-z0-9_-]{43}$/)
    const listed = await call('GET', `/api/v1/keys?programmeId=${programme.id}`, { key: ADMIN })
    expect(listed.status).toBe(200)
    const mine = listed.data.keys.find((k: AccessKey) => k.id === res.data.id)
    expect(mine).toMatchObject({ role: 'procurer', label: 'finance' })
    expect(JSON.stringify(listed.data)).not.toContain(res.data.key)
  })

  it('validates the body and names the field', async () => {
    const bad = await call('POST', '/api/v1/keys', { key: ADMIN, json: { role: 'provider' } })
    expect(bad.status).toBe(422)
    expect(bad.data.error.issues.map((i: Issue) => i.path)).toContain('providerId')
    const role = await call('POST', '/api/v1/keys', { key: ADMIN, json: { role: 'boss' } })
    expect(role.status).toBe(422)
    expect(role.data.error.issues[0].path).toBe('role')
    const missing = await call('POST', '/api/v1/keys', {
      key: ADMIN,
      json: { role: 'provider', providerId: 'prv_missing' },
    })
    expect(missing.status).toBe(422)
    expect(missing.data.error.issues[0].path).toBe('providerId')
  })

  it('lets a scoped procurer make provider keys only for its own programme', async () => {
    const one = await setupProgramme()
    const two = await setupProgramme()
    const ok = await call('POST', '/api/v1/keys', {
      key: one.procurerKey,
      json: { role: 'provider', providerId: one.providerA.id },
    })
    expect(ok.status).toBe(201)
    const other = await call('POST', '/api/v1/keys', {
      key: one.procurerKey,
      json: { role: 'provider', providerId: two.providerA.id },
    })
    expect(other.status).toBe(403)
    const unscoped = await call('POST', '/api/v1/keys', { key: one.procurerKey, json: { role: 'procurer' } })
    expect(unscoped.status).toBe(403)
    const byProvider = await call('POST', '/api/v1/keys', {
      key: one.keyA,
      json: { role: 'provider', providerId: one.providerA.id },
    })
    expect(byProvider.status).toBe(403)
  })
})

describe('programmes', () => {
  it('creates and reads a programme with defaults and its first fee rule version', async () => {
    const feeRule = { currency: 'EUR', components: [{ type: 'base', perClient: 800 }] }
    const res = await call('POST', '/api/v1/programmes', { key: ADMIN, json: validProgramme({ feeRule }) })
    expect(res.status).toBe(201)
    expect(res.data.id).toMatch(/^prg_/)
    // no priorWeight: k is estimated from the data unless the programme fixes it
    expect(res.data.publication).toEqual({ minResponses: 10, cautionBelow: 30, minGroup: 5 })
    expect(res.data.invitationDays).toBe(30)
    const read = await call('GET', `/api/v1/programmes/${res.data.id}`, { key: ADMIN })
    expect(read.status).toBe(200)
    expect(read.data.feeRule).toMatchObject({ version: 1, rule: feeRule })
  })

  it('refuses unknown surveys, a bad currency and unknown fields, naming each field', async () => {
    const res = await call('POST', '/api/v1/programmes', {
      key: ADMIN,
      json: validProgramme({ currency: 'eur', surveys: { company: 'cx-company', jobseeker: 'nope' }, colour: 'red' }),
    })
    expect(res.status).toBe(422)
    const paths = res.data.error.issues.map((i: Issue) => i.path)
    expect(paths).toContain('currency')
    const surveys = await call('POST', '/api/v1/programmes', {
      key: ADMIN,
      json: validProgramme({ surveys: { company: 'cx-company', jobseeker: 'nope' } }),
    })
    expect(surveys.status).toBe(422)
    expect(surveys.data.error.issues[0].path).toBe('surveys.jobseeker')
  })

  it('refuses a fee rule in another currency than the programme', async () => {
    const res = await call('POST', '/api/v1/programmes', {
      key: ADMIN,
      json: validProgramme({ feeRule: { currency: 'SEK', components: [{ type: 'base', perClient: 800 }] } }),
    })
    expect(res.status).toBe(422)
    expect(res.data.error.issues[0].path).toBe('feeRule.currency')
  })

  it('gives 400 for malformed JSON, 415 for another media type and 413 for a huge body', async () => {
    const malformed = await call('POST', '/api/v1/programmes', {
      key: ADMIN,
      body: '{"name":',
      headers: { 'content-type': 'application/json' },
    })
    expect(malformed.status).toBe(400)
    errorShape(malformed.data)
    const text = await call('POST', '/api/v1/programmes', {
      key: ADMIN,
      body: 'name=x',
      headers: { 'content-type': 'text/plain' },
    })
    expect(text.status).toBe(415)
    const huge = await call('POST', '/api/v1/programmes', {
      key: ADMIN,
      json: validProgramme({ name: 'x'.repeat(9 * 1024 * 1024) }),
    })
    expect(huge.status).toBe(413)
    errorShape(huge.data)
  })

  it('stores every fee rule change as a new version and never edits one', async () => {
    const { programme, procurerKey, keyA } = await setupProgramme()
    const v1 = await call('PUT', `/api/v1/programmes/${programme.id}/fee-rule`, {
      key: procurerKey,
      json: { currency: 'EUR', components: [{ type: 'base', perClient: 500 }] },
    })
    expect(v1.status).toBe(201)
    expect(v1.data.version).toBe(1)
    const v2 = await call('PUT', `/api/v1/programmes/${programme.id}/fee-rule`, {
      key: procurerKey,
      json: { currency: 'EUR', components: [{ type: 'base', perClient: 600 }] },
    })
    expect(v2.data.version).toBe(2)
    const bad = await call('PUT', `/api/v1/programmes/${programme.id}/fee-rule`, {
      key: procurerKey,
      json: { currency: 'EUR', components: [{ type: 'base', perClient: -1 }] },
    })
    expect(bad.status).toBe(422)
    expect(bad.data.error.issues[0].path).toBe('components[0].perClient')
    const versions = await call('GET', `/api/v1/programmes/${programme.id}/fee-rules`, { key: procurerKey })
    expect(
      versions.data.versions.map((v: { version: number; rule: { components: { perClient: number }[] } }) => [
        v.version,
        v.rule.components[0].perClient,
      ]),
    ).toEqual([
      [1, 500],
      [2, 600],
    ])
    const byProvider = await call('PUT', `/api/v1/programmes/${programme.id}/fee-rule`, {
      key: keyA,
      json: { currency: 'EUR', components: [{ type: 'base', perClient: 9999 }] },
    })
    expect(byProvider.status).toBe(403)
  })

  it('keeps programmes apart: a scoped procurer sees only its own', async () => {
    const one = await setupProgramme()
    const two = await setupProgramme()
    expect((await call('GET', `/api/v1/programmes/${two.programme.id}`, { key: one.procurerKey })).status).toBe(403)
    const listed = await call('GET', '/api/v1/programmes', { key: one.procurerKey })
    expect(listed.data.programmes.map((p: Programme) => p.id)).toEqual([one.programme.id])
    expect((await call('GET', '/api/v1/programmes/prg_nothing', { key: ADMIN })).status).toBe(404)
    const create = await call('POST', '/api/v1/programmes', { key: one.procurerKey, json: validProgramme() })
    expect(create.status).toBe(403)
  })
})

describe('providers', () => {
  it('creates and lists providers; a provider key sees only itself', async () => {
    const { programme, providerA, providerB, keyA } = await setupProgramme()
    const all = await call('GET', `/api/v1/programmes/${programme.id}/providers`, { key: ADMIN })
    expect(all.data.providers.map((p: Provider) => p.id).sort()).toEqual([providerA.id, providerB.id].sort())
    const own = await call('GET', `/api/v1/programmes/${programme.id}/providers`, { key: keyA })
    expect(own.data.providers.map((p: Provider) => p.id)).toEqual([providerA.id])
  })

  it('refuses a duplicate name with 409 and a bad business id with 422', async () => {
    const { programme, providerA } = await setupProgramme()
    const dup = await call('POST', `/api/v1/programmes/${programme.id}/providers`, {
      key: ADMIN,
      json: { name: providerA.name },
    })
    expect(dup.status).toBe(409)
    expect(dup.data.error.issues[0].path).toBe('name')
    const bad = await call('POST', `/api/v1/programmes/${programme.id}/providers`, {
      key: ADMIN,
      json: { name: unique('P'), businessId: '123' },
    })
    expect(bad.status).toBe(422)
    expect(bad.data.error.issues).toHaveLength(1)
    expect(bad.data.error.issues[0].path).toBe('businessId')
    const wrongCheckDigit = await call('POST', `/api/v1/programmes/${programme.id}/providers`, {
      key: ADMIN,
      json: { name: unique('P'), businessId: '1234567-8' },
    })
    expect(wrongCheckDigit.status).toBe(422)
    expect(wrongCheckDigit.data.error.issues).toHaveLength(1)
    expect(wrongCheckDigit.data.error.issues[0].path).toBe('businessId')
    expect(wrongCheckDigit.data.error.issues[0].message).toMatch(/check digit/)
    const ok = await call('POST', `/api/v1/programmes/${programme.id}/providers`, {
      key: ADMIN,
      json: { name: unique('P'), businessId: '1234567-1' },
    })
    expect(ok.status).toBe(201)
  })

  it('answers 404 for an unknown path with the JSON error shape', async () => {
    const res = await call('GET', '/api/v1/nothing-here', { key: ADMIN })
    expect(res.status).toBe(404)
    errorShape(res.data)
  })
})
