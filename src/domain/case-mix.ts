// Case-mix adjustment after the HCAHPS patient-mix adjustment (CMS, "Mode and Patient-Mix Adjustment";
// O'Malley et al. 2005, Health Services Research 40(6)): a linear regression of the response index on the
// respondents' background with provider fixed effects, so the coefficients describe differences within
// providers and a provider's own quality does not leak into them. A provider's adjusted index is
// raw + sum_j b_j (programme mean of x_j - provider mean of x_j). See docs/METHODS.md.
//
// Everything works on cells (responses that share provider and background, with their count and index sums),
// so the data layer can aggregate in SQL. Sums over a cell of x*y are x * (sum of y), because x is constant.

export const CASE_MIX_VARIABLES = ['customerType', 'serviceType', 'riskClass', 'language', 'daysToAnswer'] as const
export type CaseMixVariable = (typeof CASE_MIX_VARIABLES)[number]
type Categorical = Exclude<CaseMixVariable, 'daysToAnswer'>
const CATEGORICAL: readonly Categorical[] = ['customerType', 'serviceType', 'riskClass', 'language']

/** Scored responses of one provider that share every background value, with the sums of their indices. */
export type CaseMixCell = {
  providerId: string
  customerType: string
  serviceType: string | null
  riskClass: string | null
  language: string
  /** Whole days from the end of service to the answer. */
  daysToAnswer: number
  n: number
  sum: number
  sumOfSquares: number
}

/**
 * One column of the regression: a level of a categorical variable against its reference level (level null:
 * not recorded), or daysToAnswer (level null; the coefficient is index points per day).
 */
export type CaseMixTerm = {
  variable: CaseMixVariable
  level: string | null
  /** Answers at the level (all answers for daysToAnswer). */
  n: number
  /** Null when the column is aliased: it does not vary within providers once the earlier columns are known. */
  coefficient: number | null
}

export type CaseMixFit = {
  /** Scored responses the regression was fitted on. */
  n: number
  /** Providers with answers (each has its own intercept). */
  providers: number
  /** The share of the within-provider variance of the index the background explains. */
  rSquared: number | null
  /** The most common level of each categorical variable that has a column; levels with fewer answers than
   * the minimum group are counted in it rather than getting a coefficient of their own. */
  references: Array<{ variable: Categorical; level: string | null; n: number }>
  terms: CaseMixTerm[]
  /** Variables without variation (a single level with enough answers, or the same days for everyone). */
  dropped: CaseMixVariable[]
  /** The adjustment sum_j b_j (programme mean - provider mean) by provider (providers with answers only). */
  adjustments: Map<string, number>
}

/** A pivot that has lost all but this share of its original size is treated as zero (column aliased). */
const ALIAS_TOLERANCE = 1e-9

type Column = { term: Omit<CaseMixTerm, 'coefficient'>; value: (cell: CaseMixCell) => number }

function levelCounts(cells: readonly CaseMixCell[], variable: Categorical): Map<string | null, number> {
  const counts = new Map<string | null, number>()
  for (const c of cells) counts.set(c[variable], (counts.get(c[variable]) ?? 0) + c.n)
  return counts
}

/** Null (not recorded) sorts first, then levels in code-unit order, so the result is independent of row order. */
const compareLevels = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1

/**
 * The regression's columns: for each categorical variable a dummy per level with at least minGroup answers
 * except the most common one (the reference), and daysToAnswer when it varies.
 */
function columnsOf(cells: readonly CaseMixCell[], minGroup: number) {
  const columns: Column[] = []
  const references: CaseMixFit['references'] = []
  const dropped: CaseMixVariable[] = []
  const total = cells.reduce((t, c) => t + c.n, 0)
  for (const variable of CATEGORICAL) {
    const levels = [...levelCounts(cells, variable)].sort(([a], [b]) => compareLevels(a, b))
    const [reference] = [...levels].sort(([, m], [, n]) => n - m)
    // A level smaller than the minimum group gets no coefficient (which would rest on a few respondents):
    // it stays in the reference level.
    const own = levels.filter(([level, n]) => level !== reference[0] && n >= minGroup)
    if (own.length === 0) {
      dropped.push(variable)
      continue
    }
    const pooled = levels.filter(([level, n]) => level !== reference[0] && n < minGroup)
    references.push({ variable, level: reference[0], n: reference[1] + pooled.reduce((t, [, n]) => t + n, 0) })
    for (const [level, n] of own)
      columns.push({ term: { variable, level, n }, value: (c) => (c[variable] === level ? 1 : 0) })
  }
  const days = new Set(cells.map((c) => c.daysToAnswer))
  if (days.size > 1)
    columns.push({ term: { variable: 'daysToAnswer', level: null, n: total }, value: (c) => c.daysToAnswer })
  else dropped.push('daysToAnswer')
  return { columns, references, dropped }
}

/**
 * Solves S b = r for a symmetric positive semi-definite S by the Cholesky factorisation S = L L'. A column
 * whose pivot falls to ALIAS_TOLERANCE of its diagonal is a linear combination of the columns before it: it
 * gets no coefficient (null) and the others are solved without it, as R's lm reports an aliased column.
 */
export function solveNormalEquations(s: readonly number[][], r: readonly number[]): Array<number | null> {
  const k = r.length
  const l = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  const aliased = new Array<boolean>(k).fill(false)
  for (let j = 0; j < k; j++) {
    let pivot = s[j][j]
    for (let m = 0; m < j; m++) pivot -= l[j][m] * l[j][m]
    if (!(s[j][j] > 0) || pivot <= ALIAS_TOLERANCE * s[j][j]) {
      aliased[j] = true
      continue
    }
    l[j][j] = Math.sqrt(pivot)
    for (let i = j + 1; i < k; i++) {
      let v = s[i][j]
      for (let m = 0; m < j; m++) v -= l[i][m] * l[j][m]
      l[i][j] = v / l[j][j]
    }
  }
  // L z = r, then L' b = z, over the columns that are not aliased (their rows and columns of L are zero).
  const z = new Array<number>(k).fill(0)
  for (let i = 0; i < k; i++) {
    if (aliased[i]) continue
    let v = r[i]
    for (let m = 0; m < i; m++) v -= l[i][m] * z[m]
    z[i] = v / l[i][i]
  }
  const b = new Array<number>(k).fill(0)
  for (let i = k - 1; i >= 0; i--) {
    if (aliased[i]) continue
    let v = z[i]
    for (let m = i + 1; m < k; m++) v -= l[m][i] * b[m]
    b[i] = v / l[i][i]
  }
  return b.map((v, i) => (aliased[i] ? null : v))
}

type Means = { n: number; y: number; x: number[] }

function meansOf(cells: readonly CaseMixCell[], columns: readonly Column[]): Means {
  const n = cells.reduce((t, c) => t + c.n, 0)
  return {
    n,
    y: cells.reduce((t, c) => t + c.sum, 0) / n,
    x: columns.map((col) => cells.reduce((t, c) => t + c.n * col.value(c), 0) / n),
  }
}

/**
 * Fits the regression on the cells (scored responses only; cells with n = 0 are ignored) and returns every
 * provider's adjustment. Null without a residual degree of freedom (answers <= providers + columns).
 * minGroup: a categorical level with fewer answers gets no coefficient of its own (see columnsOf).
 */
export function fitCaseMix(allCells: readonly CaseMixCell[], minGroup: number): CaseMixFit | null {
  const cells = allCells.filter((c) => c.n > 0)
  if (cells.length === 0) return null
  const byProvider = new Map<string, CaseMixCell[]>()
  for (const c of cells) {
    const own = byProvider.get(c.providerId)
    if (own) own.push(c)
    else byProvider.set(c.providerId, [c])
  }
  const { columns, references, dropped } = columnsOf(cells, minGroup)
  const k = columns.length
  const programme = meansOf(cells, columns)
  if (programme.n <= byProvider.size + k) return null
  const providerMeans = new Map([...byProvider].map(([id, own]) => [id, meansOf(own, columns)]))
  // Cross-products of deviations from the provider means (the within-provider, fixed-effects normal equations).
  const s = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  const r = new Array<number>(k).fill(0)
  let syy = 0
  for (const c of cells) {
    const mean = providerMeans.get(c.providerId)!
    const dx = columns.map((col, j) => col.value(c) - mean.x[j])
    for (let i = 0; i < k; i++) {
      r[i] += dx[i] * (c.sum - c.n * mean.y)
      for (let j = 0; j <= i; j++) s[i][j] += c.n * dx[i] * dx[j]
    }
    syy += c.sumOfSquares - 2 * mean.y * c.sum + c.n * mean.y * mean.y
  }
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) s[i][j] = s[j][i]
  const b = solveNormalEquations(s, r)
  const explained = b.reduce((t: number, v, i) => t + (v ?? 0) * r[i], 0)
  const adjustments = new Map(
    [...providerMeans].map(([id, mean]) => [
      id,
      b.reduce((t: number, v, j) => t + (v ?? 0) * (programme.x[j] - mean.x[j]), 0),
    ]),
  )
  return {
    n: programme.n,
    providers: byProvider.size,
    rSquared: syy > 0 ? Math.min(1, Math.max(0, explained / syy)) : null,
    references,
    terms: columns.map((col, j) => ({ ...col.term, coefficient: b[j] })),
    dropped,
    adjustments,
  }
}

/**
 * raw + adjustment, kept within the scale 0..100 (an index, and a fee factor from it, never leaves the scale);
 * null without either.
 */
export function withAdjustment(raw: number | null, adjustment: number | undefined): number | null {
  return raw === null || adjustment === undefined ? null : Math.min(100, Math.max(0, raw + adjustment))
}

/** The provider's adjusted index; null without a raw index, a fit or answers of the provider. */
export function adjustedIndex(raw: number | null, fit: CaseMixFit | null, providerId: string): number | null {
  return fit === null ? null : withAdjustment(raw, fit.adjustments.get(providerId))
}

/** What the diagnostics show of a fit: everything but the providers' adjustments (shown as adjusted indices). */
export type CaseMixReport = Omit<CaseMixFit, 'adjustments'>

export function caseMixReport(fit: CaseMixFit | null): CaseMixReport | null {
  if (fit === null) return null
  const { adjustments: _adjustments, ...report } = fit
  return report
}
