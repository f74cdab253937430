import { describe, expect, it } from 'vitest'
import { networkHash } from '../src/lib/network-hash.ts'

/** The hash as it was computed before the key was kept: a fresh import on every call. */
async function fresh(prefix: string, secret: string): Promise<string> {
  const enc = new TextEncoder()
  const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ])
  const mac = await crypto.subtle.sign('HMAC', key, enc.encode(prefix))
  return Array.from(new Uint8Array(mac).slice(0, 12), (b) => b.toString(16).padStart(2, '0')).join('')
}

describe('network hash', () => {
  it('is the HMAC of the network prefix, with the key kept between calls and per secret', async () => {
    for (const secret of ['first-secret', 'second-secret', 'first-secret']) {
      expect(await networkHash('192.0.2.77', secret)).toBe(await fresh('192.0.2.0/24', secret))
      expect(await networkHash('2001:db8:5:1::9', secret)).toBe(await fresh('2001:db8:5::/48', secret))
    }
    expect(await networkHash('192.0.2.1', 'first-secret')).toBe(await networkHash('192.0.2.200', 'first-secret'))
    expect(await networkHash('192.0.2.1', 'first-secret')).not.toBe(await networkHash('192.0.2.1', 'second-secret'))
  })

  it('is null without an address, a secret or a well-formed IPv4 address', async () => {
    expect(await networkHash(undefined, 's')).toBeNull()
    expect(await networkHash('192.0.2.1', '')).toBeNull()
    expect(await networkHash('192.0.2', 's')).toBeNull()
  })
})
