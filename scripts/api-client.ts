// Talking to the Worker the way a client does: the documented JSON API. Used by the demo seed, the
// browser tests and the benchmarks; throws on any non-2xx answer with the error body.

/**
 * A response body as JSON.parse returns it. Callers read bodies loosely and check what they rely on;
 * a caller that wants the compiler's help names the type: api<Programme>(...).
 */
export type Json = ReturnType<typeof JSON.parse>

export async function api<T = Json>(
  base: string,
  key: string | null,
  method: string,
  path: string,
  body?: unknown,
  timeoutMs = 15_000,
): Promise<T> {
  const headers: Record<string, string> = {}
  if (key) headers.authorization = `Bearer ${key}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  })
  const text = await res.text()
  let data: Json
  try {
    data = JSON.parse(text)
  } catch {
    data = text
  }
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`)
  return data
}
