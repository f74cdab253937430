import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { isTransientD1Error, isUniqueViolation } from '../src/db/errors.ts'

// The D1_ERRORs Cloudflare's "Debug D1" page tells to retry, and an overloaded database.
const TRANSIENT = [
  'D1_ERROR: Network connection lost.',
  'D1_ERROR: D1 DB reset because its code was updated.',
  'D1_ERROR: Internal error while starting up D1 DB storage caused object to be reset.',
  'D1_ERROR: Internal error in D1 DB storage caused object to be reset.',
  'D1_ERROR: Cannot resolve D1 DB due to transient issue on remote node.',
  'D1_ERROR: Replica disconnected from primary.',
  'D1_ERROR: D1 DB is overloaded. Requests queued for too long.',
  'D1_ERROR: D1 DB is overloaded. Too many requests queued.',
]

// Errors the same request would meet again.
const LASTING = [
  'D1_ERROR: no such table: invitations: SQLITE_ERROR',
  'D1_ERROR: UNIQUE constraint failed: episodes.programme_id, episodes.external_ref: SQLITE_CONSTRAINT',
  'D1_TYPE_ERROR: Type undefined is not supported',
  "D1_ERROR: D1 DB's isolate exceeded its memory limit and was reset.",
  'D1_ERROR: D1 DB exceeded its CPU time limit and was reset.',
  'D1_ERROR: D1 DB storage operation exceeded timeout which caused object to be reset.',
  "Cannot read properties of undefined (reading 'id')",
]

describe('isTransientD1Error', () => {
  it.each(TRANSIENT)('retries %s', (message) => {
    expect(isTransientD1Error(new Error(message))).toBe(true)
  })

  it.each(LASTING)('does not retry %s', (message) => {
    expect(isTransientD1Error(new Error(message))).toBe(false)
  })

  it('reads the detail from the cause, where older runtimes put it', () => {
    expect(isTransientD1Error(new Error('D1_ERROR', { cause: new Error('Network connection lost.') }))).toBe(true)
  })

  it('survives an error that is its own cause', () => {
    const looped = new Error('D1_ERROR: no such table: x')
    looped.cause = looped
    expect(isTransientD1Error(looped)).toBe(false)
  })
})

describe('isUniqueViolation', () => {
  it('recognises the error D1 throws for a duplicate key', async () => {
    await env.DB.exec('CREATE TABLE unique_probe (k TEXT PRIMARY KEY)')
    await env.DB.prepare("INSERT INTO unique_probe VALUES ('a')").run()
    const err = await env.DB.prepare("INSERT INTO unique_probe VALUES ('a')")
      .run()
      .catch((e: unknown) => e)
    expect(isUniqueViolation(err)).toBe(true)
    expect(isTransientD1Error(err)).toBe(false)
  })

  it('is false for other failures', () => {
    expect(isUniqueViolation(new Error('D1_ERROR: NOT NULL constraint failed: episodes.id'))).toBe(false)
    expect(isUniqueViolation(new Error(TRANSIENT[0]))).toBe(false)
  })
})
