// Whether a provider's answers come from the whole of its clientele: the bias-adjusted R-indicator over
// response propensities per cell with its standard error (Shlomo, Skinner and Schouten 2012), unconditional
// partial R-indicators per background variable (Schouten, Shlomo and Skinner 2011), and the mix of
// respondents against non-respondents per variable. Formulas and a worked example: docs/METHODS.md.

import { keyMemo } from '../lib/key-memo.ts'

/** Cells with fewer invitations than this are pooled into one "other" cell: their propensity is noise. */
export const MIN_CELL_INVITED = 5
export const OTHER_CELL = 'other'
/** The normal quantile of a two-sided 95 % interval, as the RISQ intervals use. */
const Z_975 = 1.959963984540054

export type CellVariables = {
  customerType: string
  serviceType: string | null
  riskClass: string | null
  language: string
}

export const CELL_VARIABLES: Array<keyof CellVariables> = ['customerType', 'serviceType', 'riskClass', 'language']

/** One row of `GROUP BY customer_type, service_type, risk_class, language` over a provider's invitations. */
export type ResponseCell = CellVariables & {
  invited: number
  /** Invitations that count as respondents (the same definition as the response rate shown beside it). */
  responded: number
}

export type PropensityCell = { key: string; invited: number; responded: number; propensity: number }

/**
 * A cell's key, built once per distinct cell (lib/key-memo.ts): a programme's diagnostics key each of some
 * hundred thousand cells twice, and building every key anew was a sixth of their allocations.
 */
const cellKeyOf = keyMemo(
  (customerType: string, serviceType: string | null, riskClass: string | null, language: string) =>
    `${customerType} / ${serviceType ?? '-'} / ${riskClass ?? '-'} / ${language}`,
)
export const cellKey = (c: CellVariables): string => cellKeyOf(c.customerType, c.serviceType, c.riskClass, c.language)

/** Invitations and respondents of one key; `slot` is its cell's position once pooled (-1: none yet, or "other"). */
type Counts = { invited: number; responded: number; slot: number }

/** Adds a row's counts to its key's total: the total. */
function addCounts(byKey: Map<string, Counts>, key: string, invited: number, responded: number): Counts {
  const total = byKey.get(key)
  if (total === undefined) {
    const first = { invited, responded, slot: -1 }
    byKey.set(key, first)
    return first
  }
  total.invited += invited
  total.responded += responded
  return total
}

/**
 * Rows added up by key, keys under MIN_CELL_INVITED merged into one "other" cell; `cellOf` gives each row's cell
 * (by position in `merged`), so a caller reads a row's pooled propensity without building its key again.
 */
function pool(
  cells: readonly ResponseCell[],
  keyOf: (c: ResponseCell) => string,
): { merged: PropensityCell[]; cellOf: number[] } {
  const byKey = new Map<string, Counts>()
  const rowTotals = cells.map((c) => addCounts(byKey, keyOf(c), c.invited, c.responded))
  const { merged, other } = pooledTotals(byKey)
  return { merged, cellOf: rowTotals.map((t) => (t.slot >= 0 ? t.slot : other)) }
}

/**
 * Totals by key as cells, keys under MIN_CELL_INVITED merged into one "other" cell that comes last. Each kept
 * total gets its position (`slot`); `other` is the other cell's position, or -1.
 */
function pooledTotals(byKey: Map<string, Counts>): {
  merged: PropensityCell[]
  other: number
} {
  const merged: PropensityCell[] = []
  const other = { invited: 0, responded: 0 }
  for (const [key, total] of byKey) {
    if (total.invited >= MIN_CELL_INVITED) {
      total.slot = merged.length
      merged.push({
        key,
        invited: total.invited,
        responded: total.responded,
        propensity: total.responded / total.invited,
      })
    } else {
      other.invited += total.invited
      other.responded += total.responded
    }
  }
  if (other.invited === 0) return { merged, other: -1 }
  merged.push({ key: OTHER_CELL, ...other, propensity: other.responded / other.invited })
  return { merged, other: merged.length - 1 }
}

/** Cells keyed by their variables, those under MIN_CELL_INVITED merged into one "other" cell. */
export function propensityCells(cells: readonly ResponseCell[]): PropensityCell[] {
  return pool(cells, cellKey).merged
}

export type RIndicator = {
  /**
   * Bias-adjusted R_B = 1 - 2*sqrt(max(0, S^2 - B)): 1 when every cell answers at the same rate, and not
   * pulled down by the noise of small cells as R is; null when N < 2.
   */
  r: number | null
  /** The plug-in R = 1 - 2*S(rho), biased downwards in small cells; kept for comparison. */
  rUnadjusted: number | null
  /** S(rho), the size-weighted standard deviation of the cell propensities. */
  propensitySd: number | null
  /** B, the estimated bias of S^2 that comes from estimating the propensities. */
  bias: number | null
  /** SE(R) = sqrt(var(S^2) / S_N^2) by the delta method; null when S = 0 (every cell at the same rate). */
  standardError: number | null
  /** R_B -/+ 1.96 SE, the upper end capped at 1 (R cannot exceed 1). */
  interval: { low: number; high: number } | null
  invited: number
  responded: number
  cells: PropensityCell[]
}

/** An R-indicator with the model propensity of each cell it was computed from, in their order. */
export type FullRIndicator = RIndicator & { cellPropensities: readonly number[] }

/**
 * rho (1 - rho), the variance of one invitation's response in the cell. At rho = 0 or 1 the plug-in is 0,
 * which would make a cell of five invitations look certain and the interval zero-width; there half an
 * answer is added to each side, rho = (r + 1/2) / (n + 1). This is our addition: RISQ's fit returns ~0.
 */
function responseVariance(c: PropensityCell): number {
  const rho = c.responded === 0 || c.responded === c.invited ? (c.responded + 0.5) / (c.invited + 1) : c.propensity
  return rho * (1 - rho)
}

/**
 * The R-indicator of a saturated (one parameter per cell) response model over every invitation: a census, so
 * only the response model varies and the design terms of Shlomo, Skinner and Schouten (2012) are 0. With
 * w_c = rho_c (1 - rho_c) (see responseVariance), p_c = n_c / N and rho_bar = respondents / N:
 *   S^2 = sum_c n_c (rho_c - rho_bar)^2 / (N - 1)
 *   B = (1/N) sum_c n_c var(rho_c) = (1/N) sum_c w_c, var(rho_c) = w_c / n_c (their sum of z_i' Sigma z_i)
 *   var(S^2) = 4 sum_c n_c (rho_c - rho_bar)^2 w_c / N^2 + 2 [sum_c w_c^2 (1 - 2 p_c) + (sum_c p_c w_c)^2] / N^2
 *   (their 4 A' Sigma A + 2 tr(B Sigma B Sigma) with x_i the cell indicator) and var(R) = var(S^2) / S_N^2,
 *   S_N^2 = sum_c n_c (rho_c - rho_bar)^2 / N (RISQ divides by this maximum-likelihood variance).
 */
function indicatorOf(merged: PropensityCell[]): RIndicator {
  let invited = 0
  let responded = 0
  for (const c of merged) {
    invited += c.invited
    responded += c.responded
  }
  const none = { r: null, rUnadjusted: null, propensitySd: null, bias: null, standardError: null, interval: null }
  if (invited < 2) return { ...none, invited, responded, cells: merged }
  const overall = responded / invited
  let weightedSquares = 0
  let bias = 0
  let covariance = 0
  let traceSquares = 0
  let traceCross = 0
  for (const c of merged) {
    const w = responseVariance(c)
    const share = c.invited / invited
    const square = c.invited * (c.propensity - overall) ** 2
    weightedSquares += square
    bias += w / invited
    covariance += (square * w) / invited ** 2
    traceSquares += w * w * (1 - 2 * share)
    traceCross += share * w
  }
  const s2 = weightedSquares / (invited - 1)
  const propensitySd = Math.sqrt(s2)
  const r = 1 - 2 * Math.sqrt(Math.max(0, s2 - bias))
  const varianceS2 = 4 * covariance + (2 * (traceSquares + traceCross ** 2)) / invited ** 2
  const standardError = s2 > 0 ? Math.sqrt(varianceS2 / (weightedSquares / invited)) : null
  return {
    r,
    rUnadjusted: 1 - 2 * propensitySd,
    propensitySd,
    bias,
    standardError,
    interval:
      standardError === null ? null : { low: r - Z_975 * standardError, high: Math.min(1, r + Z_975 * standardError) },
    invited,
    responded,
    cells: merged,
  }
}

/** The bias-adjusted R-indicator over cells of all four variables (small cells pooled), with its SE. */
export function rIndicator(cells: readonly ResponseCell[]): FullRIndicator {
  const { merged, cellOf } = pool(cells, cellKey)
  return { ...indicatorOf(merged), cellPropensities: cellOf.map((slot) => merged[slot]?.propensity ?? 0) }
}

/**
 * Non-representative: the whole interval lies below the programme's R. A provider whose interval only
 * reaches above the programme's R answers more evenly than the programme, which is no fault.
 */
export function belowProgrammeR(provider: RIndicator, programmeR: number | null): boolean {
  return provider.interval !== null && programmeR !== null && provider.interval.high < programmeR
}

export type PartialCategory = {
  value: string | null
  invited: number
  /** P_u(Z, k) = sqrt(n_k / (N - 1)) * (rho_k - rho_bar): below 0 when this group answers less than average. */
  partialR: number
}

export type PartialR = {
  variable: keyof CellVariables
  /** P_u(Z) = sqrt(S_B^2(Z) * (1 - B / S^2)): the between-group spread of propensities, bias-adjusted. */
  partialR: number | null
  /** Half the SE of the R-indicator of a model with this variable only (the RISQ approximation). */
  standardError: number | null
  categories: PartialCategory[]
}

/** A variable's value over the cells that have it: invitations, respondents, and the full model's expected respondents. */
type ValueGroup = { invited: number; responded: number; expected: number }

/**
 * The cells added up by one variable's value, in order of first appearance; `propensities` (each cell's model
 * propensity, in order) gives the expected respondents. One pass serves the partial R-indicator and the mix table.
 */
function valueGroups(
  cells: readonly ResponseCell[],
  variable: keyof CellVariables,
  propensities: readonly number[] | null,
): Map<string | null, ValueGroup> {
  const byValue = new Map<string | null, ValueGroup>()
  for (let n = 0; n < cells.length; n++) {
    const c = cells[n]!
    const expected = propensities === null ? 0 : c.invited * propensities[n]!
    const group = byValue.get(c[variable])
    if (group === undefined) byValue.set(c[variable], { invited: c.invited, responded: c.responded, expected })
    else {
      group.invited += c.invited
      group.responded += c.responded
      group.expected += expected
    }
  }
  return byValue
}

const byValueName = ([a]: [string | null, unknown], [b]: [string | null, unknown]) => (a ?? '').localeCompare(b ?? '')

/**
 * Unconditional partial R-indicators (Schouten, Shlomo and Skinner 2011): per variable Z, how much of the
 * spread of the full model's propensities lies between Z's values. rho_k is the mean propensity of the
 * invitations with value k, so S_B^2(Z) = sum_k n_k (rho_k - rho_bar)^2 / (N - 1) = sum_k P_u(Z, k)^2.
 */
function partialOf(variable: keyof CellVariables, byValue: Map<string | null, ValueGroup>, full: RIndicator): PartialR {
  const n = full.invited
  const overall = n === 0 ? 0 : full.responded / n
  const s2 = (full.propensitySd ?? 0) ** 2
  // The same factor as R's: the share of S^2 left after the bias is taken out.
  const adjustment = full.bias === null || s2 === 0 ? 0 : Math.max(0, 1 - full.bias / s2)
  const categories = [...byValue]
    .filter(([, g]) => g.invited > 0)
    .sort(byValueName)
    .map(([value, g]) => ({
      value,
      invited: g.invited,
      partialR: n < 2 ? 0 : Math.sqrt(g.invited / (n - 1)) * (g.expected / g.invited - overall),
    }))
  const between = categories.reduce((sum, k) => sum + k.partialR ** 2, 0)
  // The model of this variable alone: its values as cells (no value and "-" are one), small ones pooled.
  const alone = new Map<string, Counts>()
  for (const [value, g] of byValue) addCounts(alone, value ?? '-', g.invited, g.responded)
  const aloneR = indicatorOf(pooledTotals(alone).merged)
  return {
    variable,
    partialR: n < 2 ? null : Math.sqrt(between * adjustment),
    standardError: aloneR.standardError === null ? null : aloneR.standardError / 2,
    categories,
  }
}

/** The partial R-indicators of every variable, against the full model's R-indicator of the same cells. */
export function partialRIndicators(cells: readonly ResponseCell[], full: FullRIndicator): PartialR[] {
  return CELL_VARIABLES.map((variable) =>
    partialOf(variable, valueGroups(cells, variable, full.cellPropensities), full),
  )
}

export type MixRow = {
  value: string | null
  respondents: number
  nonRespondents: number
  /** Share of all respondents with this value; null when nobody responded. */
  respondentShare: number | null
  nonRespondentShare: number | null
}

function mixOf(byValue: Map<string | null, ValueGroup>): MixRow[] {
  let respondents = 0
  let nonRespondents = 0
  for (const g of byValue.values()) {
    respondents += g.responded
    nonRespondents += g.invited - g.responded
  }
  return [...byValue].sort(byValueName).map(([value, g]) => ({
    value,
    respondents: g.responded,
    nonRespondents: g.invited - g.responded,
    respondentShare: respondents === 0 ? null : g.responded / respondents,
    nonRespondentShare: nonRespondents === 0 ? null : (g.invited - g.responded) / nonRespondents,
  }))
}

/**
 * For one variable, each value's share among respondents against its share among non-respondents.
 * The counts are small for small providers: suppress them before showing them to a provider.
 */
export function responseMix(cells: readonly ResponseCell[], variable: keyof CellVariables): MixRow[] {
  return mixOf(valueGroups(cells, variable, null))
}

/** The R-indicator, the partial R-indicators and the mix tables of one set of cells, each variable's values added up once. */
export function representativeness(cells: readonly ResponseCell[]) {
  const indicator = rIndicator(cells)
  const groups = CELL_VARIABLES.map(
    (variable) => [variable, valueGroups(cells, variable, indicator.cellPropensities)] as const,
  )
  return {
    indicator,
    partials: groups.map(([variable, byValue]) => partialOf(variable, byValue, indicator)),
    mix: Object.fromEntries(groups.map(([variable, byValue]) => [variable, mixOf(byValue)])) as Record<
      keyof CellVariables,
      MixRow[]
    >,
  }
}
