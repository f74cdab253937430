import { Hono } from 'hono'
import { linkSettings } from './app/deps.ts'
import { rebuildMarkedFacts } from './app/facts.ts'
import { runDelivery } from './delivery/job.ts'
import { senderFromEnv } from './delivery/senders.ts'
import type { AppEnv } from './env.ts'
import { d1Session } from './http/d1-session.ts'
import { errorBody, handleError } from './http/errors.ts'
import { requestId } from './http/request-id.ts'
import { securityHeaders } from './http/security.ts'
import { deliveryOrigin } from './lib/links.ts'
import { apiRoutes } from './routes/api.ts'
import { devMailboxRoutes } from './routes/dev-mailbox.tsx'
import { homeRoutes } from './routes/home.tsx'
import { ratingsPageRoutes } from './routes/ratings.tsx'
import { surveyPageRoutes } from './routes/s.tsx'

/** Bucket rebuilds per cron run (each about a provider-month of rows per bucket, 50 buckets a batch). */
const CRON_REBUILD_BATCHES = 25

export const app = new Hono<AppEnv>()
  .use('*', requestId)
  .use('*', securityHeaders)
  .use('*', d1Session)
  .route('/', homeRoutes)
  .route('/api/v1', apiRoutes)
  .route('/s', surveyPageRoutes)
  .route('/ratings', ratingsPageRoutes)
  .route('/dev/mailbox', devMailboxRoutes)
  .get('/health', (c) => c.json({ ok: true }))

app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}`), 404))
app.onError(handleError)

export default {
  fetch: app.fetch,
  /** Cron Trigger (wrangler.toml): deliver due invitations and reminders, erase closed contacts. */
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(
      runDelivery(
        env.DB,
        new Date(controller.scheduledTime).toISOString(),
        senderFromEnv(env),
        deliveryOrigin(env),
        linkSettings(env),
      ).then((r) => console.log('delivery', JSON.stringify(r))),
    )
    ctx.waitUntil(
      rebuildMarkedFacts(env.DB, new Date(controller.scheduledTime).toISOString(), CRON_REBUILD_BATCHES).then((r) =>
        console.log('aggregates', JSON.stringify(r)),
      ),
    )
  },
} satisfies ExportedHandler<AppEnv['Bindings']>
