import { type Context, Hono } from 'hono'
import { linkSettings } from '../app/deps.ts'
import { mailbox } from '../db/outbox.ts'
import { runDelivery } from '../delivery/job.ts'
import { senderFromEnv } from '../delivery/senders.ts'
import type { AppEnv } from '../env.ts'
import { deliveryOrigin } from '../lib/links.ts'
import { nowIso } from '../lib/time.ts'
import { Layout } from '../pages/layout.tsx'

/** The development mailbox exists only with the "log" sender on a local server: it shows personal links. */
function available(c: Context<AppEnv>): boolean {
  const host = new URL(c.req.url).hostname
  return (c.env.MAIL_SENDER ?? 'log') === 'log' && (host === '127.0.0.1' || host === 'localhost' || host === '[::1]')
}

export const devMailboxRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    if (!available(c)) return c.notFound()
    const messages = await mailbox(c.env.DB, 200)
    const page = (
      <Layout lang="en" title="Development mailbox" wide>
        <h1>Development mailbox</h1>
        <p>
          Emails and text messages the delivery job has "sent" with MAIL_SENDER=log and SMS_SENDER=log. The job runs
          every five minutes; run it now:
        </p>
        <form method="post" action="/dev/mailbox/deliver">
          <button type="submit">Send due messages now</button>
        </form>
        {messages.length === 0 ? <p>No messages yet.</p> : null}
        {messages.map((m) => (
          <article class="note">
            <h2>{m.channel === 'sms' ? `Text message (${m.body.length} characters)` : m.subject}</h2>
            <p>
              {m.channel === 'sms' ? 'SMS' : 'Email'} to {m.recipient}, {m.sentAt}
            </p>
            <pre>{m.body}</pre>
          </article>
        ))}
      </Layout>
    )
    c.header('cache-control', 'no-store')
    return c.html(`<!doctype html>${page.toString()}`)
  })
  .post('/deliver', async (c) => {
    if (!available(c)) return c.notFound()
    await runDelivery(c.env.DB, nowIso(), senderFromEnv(c.env), deliveryOrigin(c.env, c.req.url), linkSettings(c.env))
    return c.redirect('/dev/mailbox', 303)
  })
