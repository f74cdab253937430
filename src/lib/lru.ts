/**
 * A small in-isolate cache: at most `maxSize` entries, the least recently used going first, and (with
 * `ttlMs`) none served longer than that after it was set. A Map iterates in insertion order, so a hit is
 * moved to the end and the first key is the least recently used.
 */
export class Lru<V> {
  private readonly entries = new Map<string, { value: V; setAt: number }>()

  constructor(
    private readonly maxSize: number,
    private readonly ttlMs = Number.POSITIVE_INFINITY,
    private readonly clock: () => number = Date.now,
  ) {}

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
