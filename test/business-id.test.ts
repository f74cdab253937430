import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { businessIdCheckDigit, isValidBusinessId } from '../src/domain/business-id.ts'
import { createProviderSchema } from '../src/schemas/programmes.ts'

describe('business ID (Y-tunnus) check digit', () => {
  it.each([
    ['1234567-1', 'weighted sum 153, remainder 10: 11 − 10'],
    ['0112038-9', 'a real one (Nokia Oyj): remainder 2'],
    ['7654321-2', 'remainder 9'],
    ['1000002-0', 'weighted sum 11, remainder 0: check digit 0'],
  ])('accepts %s (%s)', (id) => {
    expect(isValidBusinessId(id)).toBe(true)
  })

  it.each([
    ['1234567-8', 'wrong check digit (1 is right)'],
    ['0112038-8', 'one off'],
    ['1111111-1', 'weighted sum 45, remainder 1: no check digit is valid'],
    ['1000008-5', 'remainder 1 again'],
    ['1234567', 'no check digit'],
    ['123456-71', 'dash in the wrong place'],
    ['1234567-10', 'two check digits'],
    [' 1234567-1', 'leading space'],
    ['１２３４５６７-1', 'full-width digits'],
    ['', 'empty'],
  ])('refuses %j (%s)', (id) => {
    expect(isValidBusinessId(id)).toBe(false)
  })

  it('gives every seven digits exactly one valid check digit, or none when the remainder is 1', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{7}$/), (digits) => {
        const valid = [...'0123456789'].filter((d) => isValidBusinessId(`${digits}-${d}`))
        const check = businessIdCheckDigit(digits)
        expect(valid).toEqual(check === null ? [] : [String(check)])
      }),
    )
  })

  it('the provider schema refuses a wrong check digit in plain words and accepts a right one', () => {
    const bad = createProviderSchema.safeParse({ name: 'P', businessId: '1234567-8' })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0].path).toEqual(['businessId'])
    expect(bad.error?.issues[0].message).toMatch(/check digit/)
    expect(createProviderSchema.safeParse({ name: 'P', businessId: '1234567-1' }).success).toBe(true)
    expect(createProviderSchema.safeParse({ name: 'P' }).success).toBe(true)
  })
})
