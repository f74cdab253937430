/**
 * A small in-isolate cache: at most `maxSize` entries, the least recently used going first, and (with
 * `ttlMs`) none served longer than that after it was set. A Map iterates in insertion order, so a hit is
 * moved to the end and the first key is the least recently used.
 */
export class Lru<V> {
  private readonly entries = new Map<string, { value: V; setAt: number }>()
  // Plain fields rather than parameter properties: the same object shape, assigned in one place.
  private readonly maxSize: number
  private readonly ttlMs: number
  private readonly clock: () => number

  constructor(maxSize: number, ttlMs = Number.POSITIVE_INFINITY, clock: () => number = Date.now) {
    this.maxSize = maxSize
    this.ttlMs = ttlMs
    this.clock = clock
  }

  get(key: string): V | undefined {
    const hit = this.entries.get(key)
    if (!hit) return undefined
    this.entries.delete(key)
    if (this.clock() - hit.setAt >= this.ttlMs) return undefined
    this.entries.set(key, hit)
    return hit.value
  }

  set(key: string, value: V): void {
    this.entries.delete(key)
    this.entries.set(key, { value, setAt: this.clock() })
    if (this.entries.size > this.maxSize) this.entries.delete(this.entries.keys().next().value!)
  }

  delete(key: string): void {
    this.entries.delete(key)
  }

  get size(): number {
    return this.entries.size
  }
}
