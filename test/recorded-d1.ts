// A Worker's D1 calls recorded as its binding puts them on the wire (endpoint, results format, the SQL and bound
// values; a batch as one call), and sent again in order to another local D1 database through that binding's own
// fetcher, the answers read as bytes and never parsed. bench:fees replays a fee run's calls this way on a fresh
// copy of the seeded database: the replay's workerd CPU is then local D1's (SQLite, its JSON, the transport),
// and the run's minus the replay's is the Worker's own (test/fees-worker.ts).
//
// It reads the binding's internals as workerd's `cloudflare-internal:d1-api` (HTTP path, without the
// d1_binding_jsrpc flag) has them: a prepared statement's `statement` and `params` (after bind's conversions) and
// the database's `fetcher`. A binding that changes them makes the replay's check in bench:fees fail.

type Query = { sql: string; params: unknown[] }
export type D1Call = { path: string; body: Query | Query[] }
export type ReplayMode = 'dry' | 'echo' | 'real'

// Where the binding sends each call (first, all, raw and batch read rows; run and exec do not).
const QUERY = '/query?resultsFormat=ROWS_AND_COLUMNS'
const EXECUTE = '/execute?resultsFormat=NONE'
const PATHS: Record<PropertyKey, string> = { first: QUERY, all: QUERY, raw: QUERY, run: EXECUTE }
const ARRAY = '['.charCodeAt(0)

const query = (s: D1PreparedStatement): Query => {
  const wire = s as unknown as { statement: string; params: unknown[] }
  return { sql: wire.statement, params: wire.params }
}

/** `db` that appends every call it makes to `calls`, in the order they are made. */
export function recordingD1(db: D1Database, calls: D1Call[]): D1Database {
  const statement = (s: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(s, {
      get(target, key) {
        if (key === 'bind') return (...values: unknown[]) => statement(target.bind(...values))
        const value = Reflect.get(target, key, target)
        if (typeof value !== 'function') return value
        const path = PATHS[key]
        return (...args: unknown[]) => {
          if (path) calls.push({ path, body: query(target) })
          return value.apply(target, args)
        }
      },
    })
  return new Proxy(db, {
    get(target, key) {
      if (key === 'prepare') return (sql: string) => statement(target.prepare(sql))
      if (key === 'batch')
        return (statements: D1PreparedStatement[]) => {
          calls.push({ path: QUERY, body: statements.map(query) })
          return target.batch(statements)
        }
      if (key === 'exec')
        return (sql: string) => {
          calls.push({
            path: EXECUTE,
            body: sql
              .trim()
              .split('\n')
              .map((line) => ({ sql: line, params: [] })),
          })
          return target.exec(sql)
        }
      if (key === 'withSession')
        return (bookmark?: string) => recordingD1(target.withSession(bookmark) as unknown as D1Database, calls)
      const value = Reflect.get(target, key, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

/**
 * Sends `calls` to `db` in order. 'real': as recorded, noting in `answered` how many bytes each answer took;
 * 'dry': builds each request body and sends nothing (the replay's own work); 'echo': builds each body, then sends
 * instead a SELECT of one string as long as that call's answer in the last real replay (a round trip and as many
 * bytes through D1 and the binding, almost no SQL). Returns the bytes answered and how many calls D1 answered
 * with an error.
 */
export async function replay(
  db: D1Database,
  calls: D1Call[],
  mode: ReplayMode,
  answered: number[],
): Promise<{ calls: number; bytes: number; failed: number }> {
  const fetcher = (db as unknown as { fetcher: Fetcher }).fetcher
  let bytes = 0
  let failed = 0
  for (const [i, call] of calls.entries()) {
    const body = JSON.stringify(call.body)
    if (mode === 'dry') continue
    const echo: Query = { sql: "SELECT printf('%.*c', ?, 'x')", params: [answered[i] ?? 0] }
    const res = await fetcher.fetch(`http://d1${mode === 'real' ? call.path : QUERY}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: mode === 'real' ? body : JSON.stringify(echo),
    })
    const answer = await res.arrayBuffer()
    // Local D1 answers an error with status 200 and one object ({"success":false,...}), results as an array.
    if (!res.ok || new Uint8Array(answer, 0, 1)[0] !== ARRAY) failed++
    if (mode === 'real') answered[i] = answer.byteLength
    bytes += answer.byteLength
  }
  return { calls: calls.length, bytes, failed }
}
