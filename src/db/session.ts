/** Where a request's reads may start: the primary (fresh), or any replica at least as fresh as a bookmark. */
export type SessionStart = { primary: true } | { primary: false; bookmark: string | null }

/**
 * A request's database: a D1 session (read replication) behind the D1Database interface, so the data layer and
 * the use cases keep taking a D1Database. The project uses only prepare() and batch(), which a session has;
 * exec(), dump() and withSession() throw rather than silently bypassing the session.
 *
 * The session is opened on first use. needsPrimary() is asked again at every use because what a request may read
 * is known only after its key is looked up (that lookup itself is a read): once it says yes, the rest of the
 * request runs in a session that starts at the primary.
 */
export class SessionDb implements D1Database {
  #session: D1DatabaseSession | null = null
  #onPrimary = false
  // The newest bookmark of every session this request used (bookmarks sort oldest to newest as strings).
  #seen: string | null = null

  readonly #db: D1Database
  readonly #start: SessionStart
  readonly #needsPrimary: () => boolean

  constructor(db: D1Database, start: SessionStart, needsPrimary: () => boolean = () => false) {
    this.#db = db
    this.#start = start
    this.#needsPrimary = needsPrimary
  }

  #current(): D1DatabaseSession {
    const start = this.#start
    const primary = start.primary || this.#needsPrimary()
    if (this.#session && (this.#onPrimary || !primary)) return this.#session
    this.#note()
    this.#session = this.#db.withSession(
      start.primary || primary ? 'first-primary' : (start.bookmark ?? 'first-unconstrained'),
    )
    this.#onPrimary = primary
    return this.#session
  }

  #note() {
    const b = this.#session?.getBookmark() ?? null
    if (b !== null && (this.#seen === null || b > this.#seen)) this.#seen = b
  }

  /** The newest state this request has read or written, for the client to send back; null if it never queried. */
  bookmark(): string | null {
    this.#note()
    return this.#seen
  }

  prepare(query: string): D1PreparedStatement {
    return this.#current().prepare(query)
  }

  batch<T = unknown>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]> {
    return this.#current().batch<T>(statements)
  }

  exec(_query: string): Promise<D1ExecResult> {
    return Promise.reject(new Error('exec() is not available in a D1 session; use prepare() and batch()'))
  }

  dump(): Promise<ArrayBuffer> {
    return Promise.reject(new Error('dump() is not available in a D1 session'))
  }

  withSession(): D1DatabaseSession {
    throw new Error('A request already has its D1 session')
  }
}
