// The check of bench:submit's sampled Worker CPU: a request that burns the CPU in JavaScript (?burn=<loop
// iterations>) against one that waits on a slow D1 query (?wait=<rows counted in SQLite>), or both. The sampled
// figure must count the loop and not the query, which locally runs in the same workerd process (issue 16).
// Only ever run locally by bench:submit (wrangler dev --config this directory's wrangler.toml).

// The few D1 members used here, so this file type-checks without the Workers types.
type D1 = { prepare(sql: string): { bind(...values: unknown[]): { first(): Promise<unknown> } } }

export default {
  async fetch(request: Request, env: { DB: D1 }): Promise<Response> {
    const params = new URL(request.url).searchParams
    const iterations = Number(params.get('burn') ?? 0)
    let x = 0
    for (let i = 0; i < iterations; i++) x = (x * 31 + i) | 0
    const rows = Number(params.get('wait') ?? 0)
    const counted =
      rows > 0
        ? await env.DB.prepare(
            'WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < ?1) SELECT count(*) AS n FROM c',
          )
            .bind(rows)
            .first()
        : null
    return Response.json({ x, counted })
  },
}
