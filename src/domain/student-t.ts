// Student's t distribution for the tests between providers and the fee confidence: the CDF comes from
// @stdlib (regularised incomplete beta), so the project keeps no numerical code of its own for it.
import tCdf from '@stdlib/stats-base-dists-t-cdf'

/** P(T <= x) for Student's t with df > 0 degrees of freedom (df may be fractional, as Welch's is). */
export function studentTCdf(x: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be > 0, not ${df}`)
  return tCdf(x, df)
}

/** Two-sided p-value of a t statistic. */
export function twoSidedP(t: number, df: number): number {
  return Math.min(1, 2 * studentTCdf(-Math.abs(t), df))
}
