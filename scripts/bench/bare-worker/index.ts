// The bare baseline of `npm run bench:submit`: the least a completion endpoint can do on this runtime.
// Parse the JSON body and store it with one D1 INSERT; no validation, no reads, no survey model.
import { Hono } from 'hono'

// The few D1 members used here, so this file type-checks without the Workers types.
type D1 = { prepare(sql: string): { bind(...values: unknown[]): { run(): Promise<unknown> } } }

const app = new Hono<{ Bindings: { DB: D1 } }>()
  .get('/health', (c) => c.json({ ok: true }))
  .put('/api/v1/respond/:token', async (c) => {
    const body = await c.req.json()
    await c.env.DB.prepare('INSERT INTO submissions (id, token, body, created_at) VALUES (?1, ?2, ?3, ?4)')
      .bind(crypto.randomUUID(), c.req.param('token'), JSON.stringify(body), new Date().toISOString())
      .run()
    return c.json({ status: 'completed', answers: body.answers, idempotent: false })
  })

export default app
