/**
 * Finnish business IDs (Y-tunnus, FO-nummer): seven digits, a dash and a check digit. The check digit
 * comes from the weights 7, 9, 10, 5, 8, 4, 2 on the seven digits: with r the weighted sum mod 11, the
 * check digit is 0 when r is 0 and 11 − r otherwise; r = 1 is never issued, so no ID ends that way.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2] as const

/** The check digit for seven digits, or null when the remainder is 1 (no valid ID has these digits). */
export function businessIdCheckDigit(sevenDigits: string): number | null {
  if (!/^\d{7}$/.test(sevenDigits)) return null
  let sum = 0
  for (let i = 0; i < 7; i++) sum += Number(sevenDigits[i]) * WEIGHTS[i]
  const r = sum % 11
  if (r === 0) return 0
  if (r === 1) return null
  return 11 - r
}

/** True for a well-formed business ID such as 1234567-1 whose check digit is right. */
export function isValidBusinessId(value: string): boolean {
  const m = /^(\d{7})-(\d)$/.exec(value)
  if (!m) return false
  return businessIdCheckDigit(m[1]) === Number(m[2])
}
