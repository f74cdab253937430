// Counts D1 round trips: each statement run on its own and each batch is one. Wraps the real binding (no
// mock): the tests check the respondent path's round trips with it, and npm run bench:submit counts them
// in a Worker built around it (test/counted-worker.ts).

type Counter = { n: number }

const RUNS = new Set<PropertyKey>(['first', 'run', 'all', 'raw'])

function method<T extends object>(target: T, key: PropertyKey): unknown {
  const value = Reflect.get(target, key, target)
  return typeof value === 'function' ? value.bind(target) : value
}

export function countingD1(db: D1Database, counter: Counter): D1Database {
  const real = new WeakMap<object, D1PreparedStatement>()
  const statement = (s: D1PreparedStatement): D1PreparedStatement => {
    const wrapped = new Proxy(s, {
      get(target, key) {
        if (key === 'bind') return (...values: unknown[]) => statement(target.bind(...values))
        if (RUNS.has(key)) {
          const run = method(target, key) as (...args: unknown[]) => unknown
          return (...args: unknown[]) => {
            counter.n++
            return run(...args)
          }
        }
        return method(target, key)
      },
    })
    real.set(wrapped, s)
    return wrapped
  }
  return new Proxy(db, {
    get(target, key) {
      if (key === 'prepare') return (sql: string) => statement(target.prepare(sql))
      if (key === 'batch')
        return (statements: D1PreparedStatement[]) => {
          counter.n++
          return target.batch(statements.map((s) => real.get(s) ?? s))
        }
      if (key === 'exec')
        return (sql: string) => {
          counter.n++
          return target.exec(sql)
        }
      if (key === 'withSession')
        return (bookmark?: string) => countingD1(target.withSession(bookmark) as unknown as D1Database, counter)
      return method(target, key)
    },
  })
}
