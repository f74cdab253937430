const encoder = new TextEncoder()

// The key is imported once per isolate and secret, not on every answer: importKey costs more than the
// signature. The secret is the Worker's binding, the same for the isolate's life.
let imported: { secret: string; key: Promise<CryptoKey> } | null = null

function hmacKey(secret: string): Promise<CryptoKey> {
  if (imported?.secret !== secret) {
    const key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ])
    // A failed import is not kept: the next answer tries again.
    key.catch(() => {
      if (imported?.key === key) imported = null
    })
    imported = { secret, key }
  }
  return imported.key
}

/**
 * A keyed hash of the respondent's network (/24 for IPv4, /48 for IPv6): enough to see many answers
 * coming from one network, never enough to recover the address.
 */
export async function networkHash(ip: string | undefined, secret: string): Promise<string | null> {
  if (!ip || !secret) return null
  let prefix: string
  if (ip.includes(':')) {
    prefix = `${ip.split(':').slice(0, 3).join(':')}::/48`
  } else {
    const parts = ip.split('.')
    if (parts.length !== 4) return null
    prefix = `${parts.slice(0, 3).join('.')}.0/24`
  }
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(prefix))
  return Array.from(new Uint8Array(mac).slice(0, 12), (b) => b.toString(16).padStart(2, '0')).join('')
}
