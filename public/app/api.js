// The documented API, called with the access key from this tab's session storage as a bearer token.
// The key never goes into a URL: downloads are fetched with the header and saved from a Blob.
import { saveBlob } from './dom.js'

const KEY = 'laatu:key'
const ROLE = 'laatu:role'
const BOOKMARK = 'laatu:d1-bookmark'
// The API answers with the database state it saw (a D1 bookmark); sent back, it makes the next read at least that
// fresh even from a read replica: an import is in the very next page's figures. Bookmarks sort oldest to newest.
const BOOKMARK_HEADER = 'x-d1-bookmark'

function keepBookmark(res) {
  const seen = res.headers.get(BOOKMARK_HEADER)
  if (!seen) return
  const kept = sessionStorage.getItem(BOOKMARK)
  if (kept === null || seen > kept) sessionStorage.setItem(BOOKMARK, seen)
}

export const session = {
  get key() {
    return sessionStorage.getItem(KEY)
  },
  get role() {
    return sessionStorage.getItem(ROLE)
  },
  set(key, role) {
    sessionStorage.setItem(KEY, key)
    sessionStorage.setItem(ROLE, role)
  },
  /** Signing out leaves nothing of the session in the tab, the D1 bookmark included. */
  clear() {
    sessionStorage.removeItem(KEY)
    sessionStorage.removeItem(ROLE)
    sessionStorage.removeItem(BOOKMARK)
  },
}

export class ApiError extends Error {
  constructor(status, body) {
    const error = body && typeof body === 'object' ? body.error : null
    super(error?.message ?? `HTTP ${status}`)
    this.status = status
    this.code = error?.code ?? null
    this.issues = Array.isArray(error?.issues) ? error.issues : []
    // A survey that may not be published says why: its lint findings beside the error.
    const findings = body?.findings ?? error?.findings
    this.findings = Array.isArray(findings) ? findings : []
  }
}

/** Called when the API refuses the key (revoked, expired): the shell signs out. */
let onUnauthorized = () => {}
export const setUnauthorizedHandler = (fn) => {
  onUnauthorized = fn
}

async function call(method, path, { body, type, key = session.key, raw = false } = {}) {
  const headers = { accept: raw ? '*/*' : 'application/json' }
  if (key) headers.authorization = `Bearer ${key}`
  const bookmark = sessionStorage.getItem(BOOKMARK)
  if (bookmark) headers[BOOKMARK_HEADER] = bookmark
  let payload
  if (body !== undefined) {
    headers['content-type'] = type ?? 'application/json'
    payload = type && type !== 'application/json' ? body : JSON.stringify(body)
  }
  let res
  try {
    res = await fetch(`/api/v1${path}`, { method, headers, body: payload, cache: 'no-store', credentials: 'omit' })
  } catch {
    throw new ApiError(0, { error: { code: 'network', message: 'network' } })
  }
  keepBookmark(res)
  if (raw && res.ok) return res
  const text = await res.text()
  let data = null
  try {
    data = text ? JSON.parse(text) : null
  } catch {
    data = null
  }
  if (!res.ok) {
    // A stored bookmark the API refuses (the request was not run): forget it and ask again without one.
    if (bookmark && res.status === 400 && data?.error?.issues?.[0]?.path === `headers.${BOOKMARK_HEADER}`) {
      sessionStorage.removeItem(BOOKMARK)
      return call(method, path, { body, type, key, raw })
    }
    if (res.status === 401 && key === session.key) onUnauthorized()
    throw new ApiError(res.status, data)
  }
  return data
}

export const api = {
  get: (path, opts) => call('GET', path, opts),
  post: (path, body, opts) => call('POST', path, { ...opts, body }),
  put: (path, body, opts) => call('PUT', path, { ...opts, body }),
  patch: (path, body, opts) => call('PATCH', path, { ...opts, body }),
  del: (path, opts) => call('DELETE', path, opts),
}

/** Fetches a file with the key in the header and hands it to the browser as a download. */
export async function download(path, fallbackName) {
  const res = await call('GET', path, { raw: true })
  const disposition = res.headers.get('content-disposition') ?? ''
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName
  saveBlob(await res.blob(), name)
  return name
}

/** Query string from an object, leaving out empty values. */
export function qs(params) {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v)
  const s = q.toString()
  return s ? `?${s}` : ''
}
