import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { zodIssues } from '../src/http/errors.ts'
import '../src/schemas/messages.ts'

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value)
  if (parsed.success) throw new Error('expected a failure')
  return zodIssues(parsed.error)
}
const messageOf = (schema: z.ZodType, value: unknown) => issuesOf(schema, value)[0].message

describe('plain-words messages for zod issues', () => {
  it('names the allowed values, not the library', () => {
    expect(messageOf(z.enum(['company', 'jobseeker']), 'person')).toBe('must be company or jobseeker')
    expect(messageOf(z.enum(['fi', 'sv', 'en']), 'de')).toBe('must be fi, sv or en')
    expect(messageOf(z.literal(1), 2)).toBe('must be 1')
  })

  it('says a missing field is required and a wrong type what it must be', () => {
    expect(messageOf(z.object({ a: z.string() }), {})).toBe('is required')
    expect(messageOf(z.string(), 5)).toBe('must be text')
    expect(messageOf(z.number(), 'x')).toBe('must be a number')
    expect(messageOf(z.number().int(), 1.5)).toBe('must be a whole number')
    expect(messageOf(z.array(z.string()), 'x')).toBe('must be a list')
    expect(messageOf(z.boolean(), 'yes')).toBe('must be true or false')
  })

  it('gives sizes in characters, items or numbers', () => {
    expect(messageOf(z.string().min(1), '')).toBe('must not be empty')
    expect(messageOf(z.string().min(3), 'ab')).toBe('must be at least 3 characters')
    expect(messageOf(z.string().max(2), 'abc')).toBe('must be at most 2 characters')
    expect(messageOf(z.array(z.number()).min(1), [])).toBe('must not be empty')
    expect(messageOf(z.array(z.number()).max(1), [1, 2])).toBe('must have at most 1 item')
    expect(messageOf(z.number().min(0), -1)).toBe('must be at least 0')
    expect(messageOf(z.number().positive(), 0)).toBe('must be greater than 0')
    expect(messageOf(z.number().lt(1), 1)).toBe('must be less than 1')
  })

  it('names unknown fields and formats', () => {
    expect(messageOf(z.strictObject({ a: z.number() }), { a: 1, b: 2 })).toBe('unknown field "b"')
    expect(messageOf(z.strictObject({}), { b: 1, c: 2 })).toBe('unknown fields "b", "c"')
    expect(messageOf(z.email(), 'not-an-email')).toBe('must be an email address')
    expect(messageOf(z.string().regex(/^\d+$/), 'x')).toBe('is not in the expected form')
  })

  it('keeps the path out of the message and a schema message of its own', () => {
    const schema = z.object({ episodes: z.array(z.object({ n: z.number().max(3, { message: 'too many' }) })) })
    expect(issuesOf(schema, { episodes: [{ n: 1 }, { n: 9 }] })).toEqual([
      { path: 'episodes[1].n', message: 'too many' },
    ])
  })
})
