// Whether a provider's answers come from the whole of its clientele: the R-indicator over response
// propensities per cell, and the mix of respondents against non-respondents per background variable.

/** Cells with fewer invitations than this are pooled into one "other" cell: their propensity is noise. */
export const MIN_CELL_INVITED = 5
export const OTHER_CELL = 'other'

export type CellVariables = {
  customerType: string
  serviceType: string | null
  riskClass: string | null
  language: string
}

/** One row of `GROUP BY customer_type, service_type, risk_class, language` over a provider's invitations. */
export type ResponseCell = CellVariables & {
  invited: number
  /** Invitations that count as respondents (the same definition as the response rate shown beside it). */
  responded: number
}

export type PropensityCell = { key: string; invited: number; responded: number; propensity: number }

export function cellKey(c: CellVariables): string {
  return [c.customerType, c.serviceType ?? '-', c.riskClass ?? '-', c.language].join(' / ')
}

/** Cells keyed by their variables, those under MIN_CELL_INVITED merged into one "other" cell. */
export function propensityCells(cells: readonly ResponseCell[]): PropensityCell[] {
  const byKey = new Map<string, { invited: number; responded: number }>()
  for (const c of cells) {
    const key = cellKey(c)
    const total = byKey.get(key) ?? { invited: 0, responded: 0 }
    total.invited += c.invited
    total.responded += c.responded
    byKey.set(key, total)
  }
  const out: PropensityCell[] = []
  const other = { invited: 0, responded: 0 }
  for (const [key, total] of byKey) {
    if (total.invited >= MIN_CELL_INVITED) {
      out.push({ key, ...total, propensity: total.responded / total.invited })
    } else {
      other.invited += total.invited
      other.responded += total.responded
    }
  }
  if (other.invited > 0) out.push({ key: OTHER_CELL, ...other, propensity: other.responded / other.invited })
  return out
}

export type RIndicator = {
  /** R = 1 - 2*S(rho): 1 when every cell answers at the same rate; null when N < 2. */
  r: number | null
  /** S(rho), the size-weighted standard deviation of the cell propensities. */
  propensitySd: number | null
  invited: number
  responded: number
  cells: PropensityCell[]
}

/** S^2 = sum_c invited_c*(rho_c - rho_bar)^2 / (N - 1), rho_bar = respondents / N. */
export function rIndicator(cells: readonly ResponseCell[]): RIndicator {
  const merged = propensityCells(cells)
  let invited = 0
  let responded = 0
  for (const c of merged) {
    invited += c.invited
    responded += c.responded
  }
  if (invited < 2) return { r: null, propensitySd: null, invited, responded, cells: merged }
  const overall = responded / invited
  let weightedSquares = 0
  for (const c of merged) weightedSquares += c.invited * (c.propensity - overall) ** 2
  const propensitySd = Math.sqrt(weightedSquares / (invited - 1))
  return { r: 1 - 2 * propensitySd, propensitySd, invited, responded, cells: merged }
}

export type MixRow = {
  value: string | null
  respondents: number
  nonRespondents: number
  /** Share of all respondents with this value; null when nobody responded. */
  respondentShare: number | null
  nonRespondentShare: number | null
}

/**
 * For one variable, each value's share among respondents against its share among non-respondents.
 * The counts are small for small providers: suppress them before showing them to a provider.
 */
export function responseMix(cells: readonly ResponseCell[], variable: keyof CellVariables): MixRow[] {
  const byValue = new Map<string | null, { respondents: number; nonRespondents: number }>()
  let respondents = 0
  let nonRespondents = 0
  for (const c of cells) {
    const row = byValue.get(c[variable]) ?? { respondents: 0, nonRespondents: 0 }
    row.respondents += c.responded
    row.nonRespondents += c.invited - c.responded
    byValue.set(c[variable], row)
    respondents += c.responded
    nonRespondents += c.invited - c.responded
  }
  return [...byValue]
    .sort(([a], [b]) => (a ?? '').localeCompare(b ?? ''))
    .map(([value, row]) => ({
      value,
      ...row,
      respondentShare: respondents === 0 ? null : row.respondents / respondents,
      nonRespondentShare: nonRespondents === 0 ? null : row.nonRespondents / nonRespondents,
    }))
}
