import { z } from 'zod'

/** `"a"`, `"a" or "b"`, `"a", "b" or "c"`: the allowed values as a reader writes them. */
function orList(values: readonly unknown[]): string {
  const shown = values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
  if (shown.length <= 1) return shown[0] ?? 'nothing'
  return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`
}

const typeNames: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
  date: 'a date',
  null: 'null',
}

const formatNames: Record<string, string> = {
  email: 'an email address',
  url: 'a URL',
  uuid: 'a UUID',
  date: 'a calendar date written YYYY-MM-DD',
  datetime: 'a date and time in ISO 8601 form (2026-01-31T12:00:00Z)',
  time: 'a time written HH:MM',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  base64: 'base64 text',
  base64url: 'base64url text',
}

function sizeLimit(origin: string, bound: number | bigint, word: 'least' | 'most', inclusive: boolean): string {
  const n = Number(bound)
  if (origin === 'string') return `must be at ${word} ${n} character${n === 1 ? '' : 's'}`
  if (origin === 'array' || origin === 'set') return `must have at ${word} ${n} item${n === 1 ? '' : 's'}`
  if (inclusive) return `must be at ${word} ${n}`
  return word === 'least' ? `must be greater than ${n}` : `must be less than ${n}`
}

/**
 * The API's words for zod's issues: `must be company or jobseeker`, never the library's
 * `Invalid option: expected one of "company"|"jobseeker"`. A message a schema gives itself wins over these;
 * a code not named here keeps zod's words (undefined falls through).
 */
export function plainMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required'
      return `must be ${typeNames[issue.expected] ?? issue.expected}`
    case 'invalid_value':
      return `must be ${orList(issue.values)}`
    case 'too_small': {
      const origin = String(issue.origin)
      if (Number(issue.minimum) === 1 && (origin === 'string' || origin === 'array' || origin === 'set'))
        return 'must not be empty'
      if (issue.exact) return sizeLimit(origin, issue.minimum, 'least', true).replace('at least ', 'exactly ')
      return sizeLimit(origin, issue.minimum, 'least', issue.inclusive !== false)
    }
    case 'too_big':
      if (issue.exact)
        return sizeLimit(String(issue.origin), issue.maximum, 'most', true).replace('at most ', 'exactly ')
      return sizeLimit(String(issue.origin), issue.maximum, 'most', issue.inclusive !== false)
    case 'unrecognized_keys':
      return issue.keys.length === 1
        ? `unknown field "${issue.keys[0]}"`
        : `unknown fields ${issue.keys.map((k) => `"${k}"`).join(', ')}`
    case 'invalid_format': {
      if (issue.format === 'regex') return 'is not in the expected form'
      if (issue.format === 'starts_with') return `must start with "${(issue as { prefix?: string }).prefix ?? ''}"`
      if (issue.format === 'ends_with') return `must end with "${(issue as { suffix?: string }).suffix ?? ''}"`
      if (issue.format === 'includes') return `must contain "${(issue as { includes?: string }).includes ?? ''}"`
      return `must be ${formatNames[issue.format] ?? `in ${issue.format} form`}`
    }
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`
    case 'invalid_union': {
      const options = (issue as { options?: readonly unknown[] }).options
      return options?.length ? `must be ${orList(options)}` : 'matches none of the allowed forms'
    }
    case 'invalid_key':
      return 'has a key that is not allowed'
    case 'invalid_element':
      return 'has an element that is not allowed'
    default:
      return undefined
  }
}

z.config({ customError: plainMessage })
