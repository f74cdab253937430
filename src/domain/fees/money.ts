/**
 * Rounding and display for fee amounts. Amounts are integer cents; every fractional amount is formed as one
 * product (e.g. perClientMax_cents * index / 100) and rounded once. Quality indices are float means
 * (a four-point item scores 33.33... or 66.66...), so such a product can land a few ulps below a true half
 * cent: 250.50 at index 41.66... is 10437.499999999998 for a true 10437.5. Values within a relative 1e-11 of
 * the rounding boundary therefore count as on it; float noise is ~1e-15 relative, while a real distance
 * that small from a half cent would need an index with more than 11 significant digits.
 */
const RELATIVE_TOLERANCE = 1e-11

function tolerance(x: number): number {
  return Math.max(1, Math.abs(x)) * RELATIVE_TOLERANCE
}

/** Half away from zero, the usual rule for money. */
export function roundHalfAwayFromZero(x: number): number {
  const rounded = Math.floor(Math.abs(x) + 0.5 + tolerance(x))
  return x < 0 && rounded !== 0 ? -rounded : rounded
}

/** Half up (towards +infinity), as the value-based point formulas specify. */
export function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5 + tolerance(x))
}

/** Floor that does not drop a true integer computed as k - 1e-13 to k - 1. */
export function floorTolerant(x: number): number {
  return Math.floor(x + tolerance(x))
}

/** `cents * num / den` rounded once to whole cents. */
export function centsOf(cents: number, share: Share): number {
  return roundHalfAwayFromZero((cents * share.num) / share.den)
}

/**
 * A share of a maximum kept as a ratio, so the amount is one product and one rounding
 * (index 83.3 is { num: 83.3, den: 100 }, not 0.833 multiplied in later).
 */
export type Share = { num: number; den: number }

export const ZERO: Share = { num: 0, den: 1 }
export const FULL: Share = { num: 1, den: 1 }

export function shareValue(share: Share): number {
  return share.num / share.den
}

// Indices and rates are compared with this slack so a mean that is mathematically 80 but computed as
// 79.99999999999999 still reaches a step at 80.
const COMPARE_EPSILON = 1e-9

export function atLeast(a: number, b: number): boolean {
  return a >= b - COMPARE_EPSILON
}

export function above(a: number, b: number): boolean {
  return a > b + COMPARE_EPSILON
}

/** "1234.50"; "-0.05" for negatives. */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`${cents} is not a whole number of cents`)
  const abs = Math.abs(cents)
  const text = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
  return cents < 0 ? `-${text}` : text
}

/** Fixed decimals, rounded half away from zero (toFixed rounds the binary value: 1.005 -> "1.00"). */
export function fixed(x: number, digits: number): string {
  const scale = 10 ** digits
  return (roundHalfAwayFromZero(x * scale) / scale).toFixed(digits)
}

/** Up to `digits` decimals without trailing zeros: 0.72, 1, 0.833. */
export function trimmed(x: number, digits: number): string {
  return fixed(x, digits).replace(/\.?0+$/, '')
}

/** "1 client", "3 clients". */
export function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

export function indexText(index: number): string {
  return fixed(index, 1)
}

export function shareText(share: Share): string {
  return trimmed(shareValue(share), 3)
}

/**
 * "response rate 22 % below 30 %". The rate is cut (not rounded) to one decimal so a rate just under the
 * floor never reads as equal to it (29.96 % shows as 29.9 %, not 30 %).
 */
export function responseRateGateReason(rate: number | null, minimum: number): string {
  const shown = trimmed(floorTolerant((rate ?? 0) * 1000) / 10, 1)
  const suffix = rate === null ? ' (no invitations sent)' : ''
  return `response rate ${shown} % below ${trimmed(minimum * 100, 2)} %${suffix}`
}
