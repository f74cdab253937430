import type { Bindings } from '../env.ts'
import { publicOrigin } from '../lib/links.ts'
import { nowIso } from '../lib/time.ts'

/** What every use case that writes needs: the database and the time (injected so tests can fix it). */
export type Deps = { db: D1Database; now: () => string }

/**
 * How invitations reach respondents: the links' origin, when to remind, and the secret that seals the
 * links of invitations without contact data (so the procurer can fetch them later).
 */
export type Delivery = { origin: string; reminderDays: number; linkSecret: string }

export const systemDeps = (env: Bindings): Deps => ({ db: env.DB, now: nowIso })

export function deliveryFrom(env: Bindings, requestUrl: string): Delivery {
  return {
    origin: publicOrigin(env.PUBLIC_BASE_URL, requestUrl),
    reminderDays: Number(env.REMINDER_DAYS ?? 7),
    linkSecret: env.ADMIN_TOKEN,
  }
}
