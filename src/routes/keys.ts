import { Hono } from 'hono'
import { type AccessKey, getKey, insertKey, listKeys, revokeKey } from '../db/keys.ts'
import { getProgramme } from '../db/programmes.ts'
import { getProvider } from '../db/providers.ts'
import type { Principal } from '../domain/principal.ts'
import type { AppEnv } from '../env.ts'
import { ApiError, invalid } from '../http/errors.ts'
import { assertProcurerOf } from '../http/principal.ts'
import { jsonBody, queryParams } from '../http/validate.ts'
import { newId, randomSecret, sha256Hex } from '../lib/crypto.ts'
import { nowIso } from '../lib/time.ts'
import { type CreateKey, createKeySchema } from '../schemas/keys.ts'
import { keyListQuery } from '../schemas/queries.ts'

/** Resolves and authorises the scope of a new key: which programme (and provider) it will see. */
async function scopeOf(
  db: D1Database,
  p: Principal,
  body: CreateKey,
): Promise<{ programmeId: string | null; providerId: string | null }> {
  if (body.role === 'provider') {
    const provider = await getProvider(db, body.providerId)
    if (!provider) throw invalid([{ path: 'providerId', message: `providerId: no provider ${body.providerId}` }])
    assertProcurerOf(p, provider.programmeId)
    return { programmeId: provider.programmeId, providerId: provider.id }
  }
  if (body.programmeId === undefined) {
    // An unscoped procurer key sees every programme: only the admin or another unscoped procurer may make one.
    if (!(p.role === 'admin' || (p.role === 'procurer' && p.programmeId === null))) {
      throw new ApiError(403, 'Only the admin or an unscoped procurer may create an unscoped procurer key')
    }
    return { programmeId: null, providerId: null }
  }
  const programme = await getProgramme(db, body.programmeId)
  if (!programme) throw invalid([{ path: 'programmeId', message: `programmeId: no programme ${body.programmeId}` }])
  assertProcurerOf(p, programme.id)
  return { programmeId: programme.id, providerId: null }
}

/** A key may be listed or revoked by whoever could have created it. */
function assertManages(p: Principal, key: AccessKey): void {
  if (key.programmeId === null) {
    if (!(p.role === 'admin' || (p.role === 'procurer' && p.programmeId === null)))
      throw new ApiError(403, 'Not your key to manage')
    return
  }
  assertProcurerOf(p, key.programmeId)
}

export const keys = new Hono<AppEnv>()
  .post('/', jsonBody(createKeySchema), async (c) => {
    const body = c.req.valid('json')
    const principal = c.get('principal')
    if (principal.role === 'provider') throw new ApiError(403, 'A provider key cannot create keys')
    const scope = await scopeOf(c.env.DB, principal, body)
    const secret = `lk_${randomSecret()}`
    const key: AccessKey = {
      id: newId('key'),
      role: body.role,
      ...scope,
      label: body.label ?? null,
      createdAt: nowIso(),
      expiresAt: body.expiresAt ? new Date(body.expiresAt).toISOString() : null,
      revokedAt: null,
    }
    await insertKey(c.env.DB, key, await sha256Hex(secret))
    // The secret is returned this once; only its hash is stored.
    return c.json({ ...key, key: secret }, 201)
  })
  .get('/', queryParams(keyListQuery), async (c) => {
    const { programmeId } = c.req.valid('query')
    assertProcurerOf(c.get('principal'), programmeId)
    return c.json({ keys: await listKeys(c.env.DB, programmeId) })
  })
  .delete('/:kid', async (c) => {
    const key = await getKey(c.env.DB, c.req.param('kid'))
    if (!key) throw new ApiError(404, 'No such key')
    assertManages(c.get('principal'), key)
    await revokeKey(c.env.DB, key.id, nowIso())
    return c.json(await getKey(c.env.DB, key.id))
  })
