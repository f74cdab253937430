/**
 * Survey links point only at a trusted origin. PUBLIC_BASE_URL is the one trusted origin of a deployed
 * Worker; a request's own origin comes from its Host header, which the client chooses, so it is used
 * only for a loopback host (a developer's own machine). Queued messages do not hold an origin at all:
 * their links carry ORIGIN_SLOT, which the delivery job fills in at send time (fillOrigin).
 */

/** Stands for the origin in a queued message until it is sent. */
export const ORIGIN_SLOT = '{{origin}}'

/** 127.0.0.0/8, localhost or [::1], as `URL.hostname` spells them. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
}

/** PUBLIC_BASE_URL without trailing slashes, or null when it is unset or not an http(s) URL. */
export function configuredOrigin(configured: string | undefined): string | null {
  const value = configured?.trim()
  if (!value) return null
  try {
    const url = new URL(value)
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
  } catch {
    return null
  }
  return value.replace(/\/+$/, '')
}

function loopbackOrigin(requestUrl: string): string | null {
  const url = new URL(requestUrl)
  return isLoopbackHost(url.hostname) ? url.origin : null
}

/**
 * The origin for survey links returned to the caller (import and re-issue responses): PUBLIC_BASE_URL,
 * else the request's origin if its host is a loopback address, else null (give no url then; the token
 * alone is still returned where allowed).
 */
export function publicOrigin(env: { PUBLIC_BASE_URL?: string }, requestUrl: string): string | null {
  return configuredOrigin(env.PUBLIC_BASE_URL) ?? loopbackOrigin(requestUrl)
}

export const surveyUrl = (origin: string, token: string) => `${origin}/s/${token}`

/** The link a queued message carries: its origin is filled in when the message is sent. */
export const queuedSurveyUrl = (token: string) => surveyUrl(ORIGIN_SLOT, token)

/** A queued text with its links pointed at `origin`. */
export const fillOrigin = (text: string, origin: string) => text.split(ORIGIN_SLOT).join(origin)

/** Local development: every sender only writes to the development mailbox, nothing leaves the machine. */
const onlyLogSenders = (env: { MAIL_SENDER?: string; SMS_SENDER?: string }) =>
  (env.MAIL_SENDER ?? 'log') === 'log' && (env.SMS_SENDER ?? 'log') === 'log'

/** Where the development server listens by default (wrangler dev, npm start). */
const LOCAL_ORIGIN = 'http://127.0.0.1:8787'

/**
 * The origin the delivery job puts into the links it sends: PUBLIC_BASE_URL; with only the "log"
 * sender (local development) the loopback origin of the request that ran the job, or 127.0.0.1:8787;
 * otherwise null, and the job sends nothing until PUBLIC_BASE_URL is set.
 */
export function deliveryOrigin(
  env: { PUBLIC_BASE_URL?: string; MAIL_SENDER?: string; SMS_SENDER?: string },
  requestUrl?: string,
): string | null {
  const configured = configuredOrigin(env.PUBLIC_BASE_URL)
  if (configured) return configured
  if (!onlyLogSenders(env)) return null
  return (requestUrl === undefined ? null : loopbackOrigin(requestUrl)) ?? LOCAL_ORIGIN
}
