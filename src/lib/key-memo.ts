// Grouping keys built once per distinct tuple of values: a read that groups a hundred thousand rows into a few
// hundred groups finds each row's key through its values instead of building (and hashing) the string again.

/** The map under `key` in `map`, added when missing. */
export function below<K, L, V>(map: Map<K, Map<L, V>>, key: K): Map<L, V> {
  const found = map.get(key)
  if (found !== undefined) return found
  const added = new Map<L, V>()
  map.set(key, added)
  return added
}

/**
 * `build` remembered for up to `limit` distinct tuples (values compared as Map keys are), then forgotten all at
 * once, so odd data cannot grow it without bound. Unused trailing parts are passed as undefined.
 */
export function keyMemo<A, B, C, D>(
  build: (a: A, b: B, c: C, d: D) => string,
  limit = 10_000,
): (a: A, b: B, c: C, d: D) => string {
  let built = new Map<A, Map<B, Map<C, Map<D, string>>>>()
  let size = 0
  const memo = (a: A, b: B, c: C, d: D): string => {
    const last = below(below(below(built, a), b), c)
    const known = last.get(d)
    if (known !== undefined) return known
    if (size >= limit) {
      built = new Map()
      size = 0
      return memo(a, b, c, d)
    }
    const key = build(a, b, c, d)
    last.set(d, key)
    size++
    return key
  }
  return memo
}
