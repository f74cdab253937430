// A minimal D1Database over node:sqlite, so the benchmark runs the exact statements of src/db/scores.ts
// (same SQL text, same bound values) straight on the SQLite file, and records each one for
// EXPLAIN QUERY PLAN and the sqlite3 CLI. Only what src/db/scores.ts uses: prepare, bind, all, first, batch.
import type { DatabaseSync } from 'node:sqlite'

export type RecordedStatement = { label: string; sql: string; params: unknown[] }

export class NodeD1 {
  readonly recorded: RecordedStatement[] = []
  /** While set, each statement run is recorded under this label (a second one under "label #2"). */
  recordAs: string | null = null
  /** Record without running: every statement returns no rows. */
  dryRun = false
  readonly db: DatabaseSync
  constructor(db: DatabaseSync) {
    this.db = db
  }

  prepare(sql: string): NodeStatement {
    return new NodeStatement(this, sql, [])
  }

  async batch(statements: NodeStatement[]): Promise<Array<{ results: unknown[]; success: true; meta: object }>> {
    const out = []
    for (const s of statements) out.push(await s.all())
    return out
  }

  /** The D1Database type, for calling the functions of src/db/scores.ts. */
  asD1(): D1Database {
    return this as unknown as D1Database
  }
}

class NodeStatement {
  private readonly owner: NodeD1
  readonly sql: string
  readonly params: unknown[]
  constructor(owner: NodeD1, sql: string, params: unknown[]) {
    this.owner = owner
    this.sql = sql
    this.params = params
  }

  bind(...values: unknown[]): NodeStatement {
    return new NodeStatement(this.owner, this.sql, values)
  }

  async all(): Promise<{ results: unknown[]; success: true; meta: object }> {
    const label = this.owner.recordAs
    if (label !== null) {
      const n = this.owner.recorded.filter((r) => r.label === label || r.label.startsWith(`${label} #`)).length
      this.owner.recorded.push({ label: n === 0 ? label : `${label} #${n + 1}`, sql: this.sql, params: this.params })
    }
    const results = this.owner.dryRun ? [] : this.owner.db.prepare(this.sql).all(...(this.params as never[]))
    return { results, success: true, meta: {} }
  }

  async first(): Promise<unknown> {
    return (await this.all()).results[0] ?? null
  }
}
