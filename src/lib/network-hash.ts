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
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(prefix))
  return Array.from(new Uint8Array(mac).slice(0, 12), (b) => b.toString(16).padStart(2, '0')).join('')
}
