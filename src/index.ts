import { Hono } from 'hono'
import type { AppEnv } from './env.ts'
import { errorBody, handleError } from './http/errors.ts'
import { securityHeaders } from './http/security.ts'
import { api } from './routes/api.ts'
import { ratingsPages } from './routes/ratings-page.tsx'
import { surveyPages } from './routes/survey-page.tsx'

const app = new Hono<AppEnv>()
  .use('*', securityHeaders)
  .route('/api/v1', api)
  .route('/s', surveyPages)
  .route('/ratings', ratingsPages)
  .get('/health', (c) => c.json({ ok: true }))

app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}`), 404))
app.onError(handleError)

export default app
