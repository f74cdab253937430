// Grouping keys built once per distinct tuple of values: a read that groups a hundred thousand rows into a few
// hundred groups finds each row's key through its values instead of building (and hashing) the string again.

/** The map under `key` in `map`, added when missing. */
function below<K, L, V>(map: Map<K, Map<L, V>>, key: K): Map<L, V> {
  const found = map.get(key)
  if (found !== undefined) return found
  const added = new Map<L, V>()
  map.set(key, added)
  return added
}

/** Distinct tuples a memo keeps before it forgets them all. */
const LIMIT = 10_000

/**
 * `build` remembered for up to LIMIT distinct tuples (values compared as Map keys are), then forgotten all at
 * once, so odd data cannot grow it without bound. Unused trailing parts are passed as undefined. The values stay
 * in the isolate between requests, as keys only: a key is handed back only for the same values.
 */
export function keyMemo<A, B, C, D>(build: (a: A, b: B, c: C, d: D) => string): (a: A, b: B, c: C, d: D) => string {
  let built = new Map<A, Map<B, Map<C, Map<D, string>>>>()
  let size = 0
  const memo = (a: A, b: B, c: C, d: D): string => {
    const last = below(below(below(built, a), b), c)
    const known = last.get(d)
    if (known !== undefined) return known
    if (size >= LIMIT) {
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
