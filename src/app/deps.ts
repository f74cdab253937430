import type { Bindings } from '../env.ts'
import { publicOrigin } from '../lib/links.ts'
import { nowIso } from '../lib/time.ts'

/** What every use case that writes needs: the database and the time (injected so tests can fix it). */
export type Deps = { db: D1Database; now: () => string }

/**
 * How invitations reach respondents: the links' trusted origin (null: give no url, only the token), when to remind, and the secret that seals the
 * links of invitations without contact data (so the procurer can fetch them later).
 */
export type Delivery = { origin: string | null; reminderDays: number; linkSecret: string }

/**
 * In a request, env.DB is that request's D1 session (src/http/d1-session.ts): writes and procurer reads start at the
 * primary, public and provider reads may use a replica. The scheduled jobs pass the plain binding.
 */
export const systemDeps = (env: Bindings): Deps => ({ db: env.DB, now: nowIso })

/** When to remind and how to seal links, for requests and the scheduled job alike. */
export const linkSettings = (env: Bindings): Pick<Delivery, 'reminderDays' | 'linkSecret'> => ({
  reminderDays: Number(env.REMINDER_DAYS ?? 7),
  linkSecret: env.ADMIN_TOKEN,
})

export function deliveryFrom(env: Bindings, requestUrl: string): Delivery {
  return { origin: publicOrigin(env, requestUrl), ...linkSettings(env) }
}
