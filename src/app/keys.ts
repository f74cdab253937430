import { type AccessKey, getKey, insertKey, revokeKey } from '../db/keys.ts'
import { getProgramme } from '../db/programmes.ts'
import { getProvider } from '../db/providers.ts'
import type { Principal } from '../domain/principal.ts'
import { ApiError, invalid } from '../http/errors.ts'
import { assertProcurerOf } from '../http/principal.ts'
import { newId, randomSecret, sha256Hex } from '../lib/crypto.ts'
import type { CreateKey } from '../schemas/keys.ts'
import type { Deps } from './deps.ts'

/** Resolves and authorises the scope of a new key: which programme (and provider) it will see. */
async function scopeOf(
  db: D1Database,
  p: Principal,
  body: CreateKey,
): Promise<{ programmeId: string | null; providerId: string | null }> {
  if (body.role === 'national') {
    // It reads every programme's public figures side by side: no procurer, however unscoped, hands that out.
    if (p.role !== 'admin') throw new ApiError(403, 'Only the admin may create a national key')
    return { programmeId: null, providerId: null }
  }
  if (body.role === 'provider') {
    const provider = await getProvider(db, body.providerId)
    if (!provider) throw invalid([{ path: 'providerId', message: `no provider ${body.providerId}` }])
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
  if (!programme) throw invalid([{ path: 'programmeId', message: `no programme ${body.programmeId}` }])
  assertProcurerOf(p, programme.id)
  return { programmeId: programme.id, providerId: null }
}

/** A key may be listed or revoked by whoever could have created it. */
function assertManages(p: Principal, key: AccessKey): void {
  if (key.role === 'national') {
    if (p.role !== 'admin') throw new ApiError(403, 'Not your key to manage')
    return
  }
  if (key.programmeId === null) {
    if (!(p.role === 'admin' || (p.role === 'procurer' && p.programmeId === null)))
      throw new ApiError(403, 'Not your key to manage')
    return
  }
  assertProcurerOf(p, key.programmeId)
}

/** A new key with its scope checked against the caller's; the secret is returned this once, only its hash is stored. */
export async function createKey(
  deps: Deps,
  principal: Principal,
  body: CreateKey,
): Promise<AccessKey & { key: string }> {
  if (principal.role === 'provider') throw new ApiError(403, 'A provider key cannot create keys')
  const scope = await scopeOf(deps.db, principal, body)
  const secret = `lk_${randomSecret()}`
  const key: AccessKey = {
    id: newId('key'),
    role: body.role,
    ...scope,
    label: body.label ?? null,
    createdAt: deps.now(),
    expiresAt: body.expiresAt ? new Date(body.expiresAt).toISOString() : null,
    revokedAt: null,
  }
  await insertKey(deps.db, key, await sha256Hex(secret))
  return { ...key, key: secret }
}

/** Revokes a key at once (it fails its next request); revoking twice is harmless. */
export async function revokeAccessKey(deps: Deps, principal: Principal, keyId: string): Promise<AccessKey> {
  const key = await getKey(deps.db, keyId)
  if (!key) throw new ApiError(404, 'No such key')
  assertManages(principal, key)
  await revokeKey(deps.db, key.id, deps.now())
  return (await getKey(deps.db, key.id))!
}
