// The score table: per provider and for the programme, from SQL sums, with the publication and
// small-group rules applied for whoever is asking.
import type { Publication } from '../schemas/programmes.ts'
import { adjustedIndex, type CaseMixFit } from './case-mix.ts'
import { type Comparison, compareWithRest, type RestComparison } from './comparisons.ts'
import {
  type IntervalBasis,
  type PriorWeightSource,
  type PublicationState,
  programmeEstimates,
  rateProvider,
  shareOf,
  summariseFromSums,
} from './quality-stats.ts'

/** Per-provider SQL sums over a period: counts, and n, sum and sum of squares of the response indices. */
export type ScoreSums = {
  providerId: string
  name: string
  clients: number
  invited: number
  completed: number
  n: number
  sum: number
  sumOfSquares: number
  topBox: number
  /** Answers to scored items of the completed responses (on the scale or "cannot say"), and the "cannot say" ones. */
  itemAnswers: number
  cannotSay: number
}

/** How often "cannot say" was chosen: count of n answers to scored items, share = count / n. */
export type CannotSayShare = { count: number | null; n: number | null; share: number | null }

export function cannotSayShare(count: number, n: number): CannotSayShare {
  return { count, n, share: n === 0 ? null : count / n }
}

export const HIDDEN_CANNOT_SAY: CannotSayShare = { count: null, n: null, share: null }

export const MIN_PROVIDERS_IN_AGGREGATE = 3

/** procurer: every figure; provider: small groups hidden; public: small groups and unpublished scores hidden. */
export type Audience = 'procurer' | 'provider' | 'public'

export type ScoreRow = {
  providerId: string
  name: string
  clients: number
  invited: number
  responses: number
  responseRate: number | null
  qualityIndex: {
    mean: number | null
    sd: number | null
    ci95: [number, number] | null
    shrunk: number | null
    /** The interval of shrunk (the raw ci95 mapped as the mean is): shown with shrunk and stars, never ci95. */
    shrunkCi95: [number, number] | null
    /** Whether ci95 rests on the provider's own sd or the larger pooled sd of the programme. */
    intervalBasis: IntervalBasis | null
    /** The case-mix adjusted mean (domain/case-mix.ts); present only when the programme has it on. */
    adjusted?: number | null
  }
  topBox: { share: number | null; ci95: [number, number] | null }
  cannotSay: CannotSayShare
  stars: number | null
  comparison: Comparison | null
  /** What backs comparison: Welch's test against the rest of the programme, with Holm's correction. */
  comparisonTest: RestComparison | null
  publication: PublicationState
  published: boolean
}

/** The programme-level estimates behind every row: the prior weight k and the pooled within-provider sd. */
export type Estimates = { priorWeight: number | null; priorWeightSource: PriorWeightSource; pooledSd: number | null }

type GroupFigures = Omit<
  ScoreRow,
  'providerId' | 'name' | 'stars' | 'comparison' | 'comparisonTest' | 'publication' | 'published' | 'qualityIndex'
>

export type ProgrammeRow = GroupFigures & {
  providers: number
  qualityIndex: Omit<ScoreRow['qualityIndex'], 'intervalBasis' | 'adjusted'>
  estimates: Estimates
}

const rate = (num: number, den: number) => (den === 0 ? null : num / den)

/**
 * With only one or two providers answered, a programme figure and a provider's own would give away the
 * other's: providers and the public see programme figures only when at least three contribute (and minGroup
 * answers). The same holds for the rest of the programme a provider is tested against and the estimates.
 * `answers`: each provider's count of the answers the figure rests on.
 */
export function mayShowProgrammeFigures(
  answers: readonly number[],
  publication: Publication,
  audience: Audience,
): boolean {
  const contributing = answers.filter((n) => n > 0).length
  const total = answers.reduce((t, n) => t + n, 0)
  return audience === 'procurer' || (total >= publication.minGroup && contributing >= MIN_PROVIDERS_IN_AGGREGATE)
}

function programmeRow(rows: ScoreSums[], estimates: Estimates): ProgrammeRow {
  const total = rows.reduce(
    (t, r) => ({
      clients: t.clients + r.clients,
      invited: t.invited + r.invited,
      completed: t.completed + r.completed,
      n: t.n + r.n,
      sum: t.sum + r.sum,
      sumOfSquares: t.sumOfSquares + r.sumOfSquares,
      topBox: t.topBox + r.topBox,
      itemAnswers: t.itemAnswers + r.itemAnswers,
      cannotSay: t.cannotSay + r.cannotSay,
    }),
    { clients: 0, invited: 0, completed: 0, n: 0, sum: 0, sumOfSquares: 0, topBox: 0, itemAnswers: 0, cannotSay: 0 },
  )
  const summary = summariseFromSums(total.n, total.sum, total.sumOfSquares)
  const top = shareOf(total.topBox, total.n)
  return {
    providers: rows.length,
    clients: total.clients,
    invited: total.invited,
    responses: total.n,
    responseRate: rate(total.completed, total.invited),
    qualityIndex: { mean: summary.mean, sd: summary.sd, ci95: summary.ci95, shrunk: null, shrunkCi95: null },
    topBox: { share: top.share, ci95: top.ci95 },
    cannotSay: cannotSayShare(total.cannotSay, total.itemAnswers),
    estimates,
  }
}

/**
 * Scores every provider against the programme mean M of the same rows (all providers, so a provider
 * key's own row is still compared with everyone), then hides what the audience may not see. "Above" and
 * "below" test each provider the audience is shown against the rest of the programme; those providers are
 * one family for Holm's correction. With a case-mix fit (undefined: the programme has the adjustment off)
 * each row carries its adjusted index.
 */
export function scoreTable(
  rows: ScoreSums[],
  publication: Publication,
  audience: Audience,
  caseMix?: CaseMixFit | null,
) {
  const estimated = programmeEstimates(rows, publication.minGroup, publication.priorWeight)
  const programme = programmeRow(rows, {
    priorWeight: estimated.priorWeight,
    priorWeightSource: estimated.priorWeightSource,
    pooledSd: estimated.pooledVariance === null ? null : Math.sqrt(estimated.pooledVariance),
  })
  const hideProgramme = !mayShowProgrammeFigures(
    rows.map((r) => r.n),
    publication,
    audience,
  )
  const ratings = rows.map((r) =>
    rateProvider(r, programme.qualityIndex.mean, {
      minResponses: publication.minResponses,
      cautionBelow: publication.cautionBelow,
      priorWeight: estimated.priorWeight,
      pooledVariance: estimated.pooledVariance,
    }),
  )
  const visible = rows.map(
    (r, i) =>
      audience === 'procurer' ||
      (r.n >= publication.minGroup && (audience === 'provider' || ratings[i].state !== 'too_few_answers')),
  )
  const comparisons = compareWithRest(rows, visible, estimated.pooledVariance)
  const providers = rows.map((r, i): ScoreRow => {
    const rating = ratings[i]
    const top = shareOf(r.topBox, r.n)
    const show = <T>(v: T): T | null => (visible[i] ? v : null)
    return {
      providerId: r.providerId,
      name: r.name,
      clients: r.clients,
      invited: r.invited,
      responses: r.n,
      responseRate: rate(r.completed, r.invited),
      qualityIndex: {
        mean: show(rating.mean),
        sd: show(rating.sd),
        ci95: show(rating.ci95),
        shrunk: show(rating.shrunk),
        shrunkCi95: show(rating.shrunkCi95),
        intervalBasis: show(rating.intervalBasis),
        ...(caseMix === undefined ? {} : { adjusted: show(adjustedIndex(rating.mean, caseMix, r.providerId)) }),
      },
      topBox: { share: show(top.share), ci95: show(top.ci95) },
      cannotSay: visible[i] ? cannotSayShare(r.cannotSay, r.itemAnswers) : HIDDEN_CANNOT_SAY,
      stars: show(rating.stars),
      comparison: show(comparisons[i].comparison),
      comparisonTest: hideProgramme ? null : show(comparisons[i].test),
      publication: rating.state,
      published: rating.state !== 'too_few_answers',
    }
  })
  return {
    programme: hideProgramme
      ? {
          ...programme,
          qualityIndex: { mean: null, sd: null, ci95: null, shrunk: null, shrunkCi95: null },
          topBox: { share: null, ci95: null },
          cannotSay: HIDDEN_CANNOT_SAY,
          estimates: { priorWeight: null, priorWeightSource: estimated.priorWeightSource, pooledSd: null },
        }
      : programme,
    providers,
  }
}
