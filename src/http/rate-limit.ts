import { ApiError } from './errors.ts'

type Limiter = { limit(options: { key: string }): Promise<{ success: boolean }> }

/**
 * Fallback when a deployment has no rate-limit binding (e.g. an older wrangler.toml): a fixed window
 * per key in this isolate. Weaker than the binding (isolates do not share it) but never absent.
 */
class LocalLimiter implements Limiter {
  private readonly windows = new Map<string, { start: number; count: number }>()
  private readonly max: number
  private readonly periodMs: number
  constructor(max: number, periodMs: number) {
    this.max = max
    this.periodMs = periodMs
  }
  async limit({ key }: { key: string }) {
    const now = Date.now()
    const w = this.windows.get(key)
    if (!w || now - w.start >= this.periodMs) {
      if (this.windows.size > 10_000) this.windows.clear()
      this.windows.set(key, { start: now, count: 1 })
      return { success: true }
    }
    w.count++
    return { success: w.count <= this.max }
  }
}

const fallbacks = new Map<string, LocalLimiter>()

export function limiter(binding: Limiter | undefined, name: string, max: number): Limiter {
  if (binding) return binding
  let local = fallbacks.get(name)
  if (!local) {
    local = new LocalLimiter(max, 60_000)
    fallbacks.set(name, local)
  }
  return local
}

/** Throws 429 when the key has used up its window. */
export async function enforce(l: Limiter, key: string, what: string): Promise<void> {
  const { success } = await l.limit({ key })
  if (!success) throw new ApiError(429, `Too many ${what}; wait a minute and try again`)
}

export const clientAddress = (header: string | undefined) => header ?? 'unknown'
