import { Hono } from 'hono'
import type { AppEnv } from './env.ts'
import { errorBody, handleError } from './http/errors.ts'
import { api } from './routes/api.ts'

const app = new Hono<AppEnv>()
  .route('/api/v1', api)
  .get('/health', (c) => c.json({ ok: true }))

app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}`), 404))
app.onError(handleError)

export default app
