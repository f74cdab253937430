// Response bodies of the scores, diagnostics, fee run and simulation routes, written in zod only to
// describe them. Nested statistics the methods document explains are left open (objects).
import { z } from 'zod'
import { customerTypeSchema, isoDate } from '../schemas/common.ts'

const id = z.string()
const instant = z.string().meta({ description: 'ISO 8601 instant (UTC)' })
const period = z.object({ from: isoDate, to: isoDate })
const rate = z.number().nullable().meta({ description: 'Fraction 0-1, null when nothing was invited' })
const interval = z.tuple([z.number(), z.number()]).nullable()
const open = z.record(z.string(), z.unknown())
// Amounts leave the API as decimal strings so no client sees a binary fraction of a cent.
const amount = z.string().meta({ description: 'Amount in the run currency with two decimals, e.g. 1250.00' })

const qualityIndex = z.object({
  mean: z.number().nullable(),
  sd: z.number().nullable(),
  ci95: interval,
  shrunk: z.number().nullable().meta({
    description:
      'Weighted index S = (n*Q + k*M)/(n + k): the mean pulled toward the programme mean M because of few answers; stars come from it',
  }),
  shrunkCi95: interval.meta({
    description:
      'The 95 % interval of shrunk: the ends of ci95 mapped as the mean is, ((n*L + k*M)/(n + k), (n*U + k*M)/(n + k)); show it with shrunk and stars, ci95 with mean. Null for the programme row',
  }),
  adjusted: z.number().nullable().optional().meta({
    description:
      'Provider rows of a programme with caseMix on: the case-mix adjusted mean, mean + sum of b x (programme mean - provider mean) of the background variables, within 0..100 (docs/METHODS.md); null where mean is hidden or no model could be fitted',
  }),
})
const providerQualityIndex = qualityIndex.extend({
  ci95: interval.meta({
    description:
      "95 % t-interval of mean with the larger of the provider's own sd and the programme's pooled within-provider sd, so identical answers never give a zero-width interval",
  }),
  intervalBasis: z.enum(['own_sd', 'programme_sd']).nullable().meta({
    description: "own_sd: ci95 uses the provider's sd; programme_sd: the programme's pooled sd, which was larger",
  }),
})

const comparisonTest = z
  .object({
    restMean: z.number().meta({ description: "Mean index of every other provider's answers together" }),
    restResponses: z.int(),
    difference: z.number().meta({ description: 'Provider mean minus restMean' }),
    t: z.number(),
    df: z.number().meta({ description: 'Welch-Satterthwaite degrees of freedom (fractional)' }),
    p: z.number().meta({ description: "Two-sided p-value of Welch's t-test before correction" }),
    pAdjusted: z.number().meta({
      description:
        "p adjusted by Holm's step-down method across the providers of this table (the family); comparison is above or below only when it is below 0.05. p < 0.05 <= pAdjusted: a difference that is not significant after correction",
    }),
    family: z.int().meta({ description: "How many providers were tested together (Holm's m)" }),
  })
  .nullable()
  .meta({
    description:
      "What backs comparison: Welch's t-test (Welch 1947) of the provider against the rest of the programme (itself left out; its variance is the larger of its own and the pooled one), Holm-corrected (Holm 1979). Null without a test (fewer than two answers on a side), for figures the caller may not see, and for providers and the public when fewer than three providers answered",
  })

const estimates = z.object({
  priorWeight: z.number().nullable().meta({
    description:
      "The k of shrunk: the programme's fixed priorWeight, or within-provider variance / between-provider variance by the method of moments (Buhlmann-Straub), bounded to 1..50, from providers with at least minGroup answers",
  }),
  priorWeightSource: z.enum(['fixed', 'empirical', 'default']).meta({
    description: 'fixed: publication.priorWeight; empirical: estimated; default: 5, as too few providers to estimate',
  }),
  pooledSd: z.number().nullable().meta({
    description:
      'Pooled within-provider sd (square root of the one-way ANOVA mean square within), the floor of every provider interval',
  }),
})
const topBox = z
  .object({ share: z.number().nullable(), ci95: interval })
  .meta({ description: 'Responses with every scored item at its top point ("cannot say" is never top)' })
const cannotSay = z
  .object({
    count: z.int().nullable().meta({ description: 'Answers to scored items that were "cannot say"' }),
    n: z.int().nullable().meta({ description: 'Answers to scored items, on the scale or "cannot say"' }),
    share: z.number().nullable().meta({ description: 'count / n; null with no answers' }),
  })
  .meta({ description: 'The "cannot say" share over completed responses; null where the caller may not see it' })

const linkCustody = z.enum(['laatu', 'provider']).meta({
  description: 'Who handed out the survey links behind these answers: Laatu, or the provider itself (weaker custody)',
})

/** What a budget did: base fees kept, the other components scaled by factor. */
const budgetSchema = z.object({
  budget: z.string(),
  base: z.string(),
  otherBeforeScaling: z.string(),
  otherAfterScaling: z.string(),
  factor: z.number(),
})

/** The figures of a group of clients: the whole programme, or one provider. */
const change = z
  .object({
    n: z.int().meta({ description: 'Clients with an index in both the intake and the exit wave' }),
    mean: z.number().nullable().meta({
      description:
        'Mean change in index points (exit index - intake index, -100..100); null without clients or where hidden',
    }),
    ci95: interval.meta({
      description:
        'Paired 95 % t-interval of the mean change, mean -/+ t(n-1, 0.975) x sd / sqrt(n), within -100..100; null below two clients or where hidden',
    }),
    itemsUp: z.record(z.string(), z.number()).nullable().meta({
      description:
        'Per scored item: the share of those clients who answered it at least one point higher at exit than at intake (over the clients who answered it on the scale in both waves); null where hidden',
    }),
  })
  .nullable()
  .meta({
    description:
      "Change from intake to exit (docs/METHODS.md). Null when the programme has no intake wave and no client answered one. For provider keys and the public, mean, ci95 and itemsUp are null unless the provider's index is shown and at least minGroup clients (of the released exit answers) have both waves",
  })

const groupFigures = {
  clients: z.int(),
  invited: z.int(),
  responses: z.int(),
  responseRate: rate,
  qualityIndex,
  topBox,
  cannotSay,
}

const seriesShown = z.object({
  surveyId: z.string(),
  from: z.int().meta({ description: 'The first version of the series' }),
  versions: z.array(z.int()).meta({ description: 'Every published version in the series, oldest first' }),
  invited: z.int().meta({ description: 'Exit invitations of the period with a version of the series' }),
  answers: z.int().meta({
    description: 'Their completed responses (released ones only for provider keys and the public)',
  }),
})
// Every score read shows one survey series per survey and lists the others, so no answer silently disappears.
const seriesFields = {
  series: z.array(seriesShown).meta({
    description:
      'The survey series the figures come from, one per survey in the period (docs/METHODS.md, Survey series): the series asked for in the series parameter, else the series of the latest version with completed responses. Versions marked comparableTo pool; no figure pools across series',
  }),
  otherSeries: z.array(seriesShown).meta({
    description: 'Every other series with invitations in the period: left out of every figure here',
  }),
}

export const scoreTableSchema = z.object({
  programmeId: id,
  period,
  customerType: customerTypeSchema.nullable(),
  ...seriesFields,
  linkCustody,
  programme: z.object({ providers: z.int(), ...groupFigures, estimates }),
  providers: z.array(
    z
      .object({
        providerId: id,
        name: z.string(),
        ...groupFigures,
        qualityIndex: providerQualityIndex,
        stars: z.number().nullable(),
        comparison: z.enum(['above', 'below', 'no_different']).nullable().meta({
          description:
            "Against the rest of the programme: above or below only when the difference is significant after Holm's correction (comparisonTest.pAdjusted < 0.05)",
        }),
        comparisonTest,
        publication: z.enum(['too_few_answers', 'caution', 'published']),
        published: z.boolean(),
        linkCustody,
        change,
      })
      .meta({ description: 'Figures the caller may not see (small groups, unpublished scores) are null' }),
  ),
})

export const publicRatingsSchema = scoreTableSchema.extend({
  programme: scoreTableSchema.shape.programme.extend({
    id,
    name: z.string(),
    region: z.string(),
    minResponses: z.int(),
  }),
})

export const principalSchema = z.object({
  role: z.enum(['admin', 'procurer', 'provider', 'national']),
  keyId: z.string().nullable(),
  programmeId: z.string().nullable().optional(),
  providerId: z.string().optional(),
})

export const commentListSchema = z.object({
  programmeId: id,
  period,
  providers: z.array(
    z.object({
      providerId: id,
      name: z.string(),
      responses: z.int(),
      suppressed: z.boolean().meta({
        description:
          'true when no comment can be shown: for the procurer, fewer than minGroup answers; for a provider key, no month with minGroup commenters',
      }),
      comments: z.array(z.object({ question: z.string(), text: z.string() })).meta({
        description: 'procurer: sorted by text; provider key: random order; never dates, episodes or order in time',
      }),
    }),
  ),
})

const caseMixVariable = z.enum(['customerType', 'serviceType', 'riskClass', 'language', 'daysToAnswer'])
const caseMixSchema = z.object({
  n: z.int().meta({ description: 'Scored responses the model was fitted on' }),
  providers: z.int().meta({ description: 'Providers with answers; each has its own intercept (fixed effect)' }),
  rSquared: z.number().nullable().meta({ description: 'Share of the within-provider variance explained' }),
  references: z.array(z.object({ variable: caseMixVariable, level: z.string().nullable(), n: z.int() })).meta({
    description:
      'The reference level of each categorical variable with a column: its most common level, with the levels of fewer than minGroup answers counted in it (null: not recorded)',
  }),
  terms: z.array(
    z
      .object({
        variable: caseMixVariable,
        level: z.string().nullable(),
        n: z.int(),
        coefficient: z.number().nullable(),
      })
      .meta({
        description:
          'A level against its reference (index points), or daysToAnswer (level null; points per day). n: answers at the level. coefficient null: the column does not vary within providers once the others are known (aliased)',
      }),
  ),
  dropped: z.array(caseMixVariable).meta({ description: 'Variables without variation, left out of the model' }),
})

const partialR = z.object({
  partialR: z.number().nullable().meta({
    description:
      'Unconditional partial R-indicator P_u = sqrt(S_B^2 * (1 - B/S^2)) (Schouten, Shlomo and Skinner 2011): the spread of response propensities between the values of this variable, bias-adjusted; 0 = it explains none of the spread',
  }),
  standardError: z.number().nullable().meta({
    description:
      'Half the standard error of the R-indicator of this variable alone (RISQ); null when its values answer alike',
  }),
  categories: z.array(
    z.object({
      value: z.string().nullable(),
      invited: z.int(),
      partialR: z.number().nullable().meta({
        description:
          'P_u(k) = sqrt(n_k/(N-1)) * (mean propensity of the value - overall): below 0 when this group answers less; null below minGroup invitations',
      }),
    }),
  ),
})

const representativeness = z.object({
  rIndicator: z.number().nullable().meta({
    description:
      'Bias-adjusted R-indicator R_B = 1 - 2*sqrt(max(0, S^2 - B)) (Shlomo, Skinner and Schouten 2012): 1 = every kind of client answers alike; null below 2 invitations',
  }),
  rIndicatorUnadjusted: z.number().nullable().meta({ description: 'R = 1 - 2*S, biased downwards in small cells' }),
  propensitySd: z.number().nullable().meta({ description: 'S, the size-weighted SD of the cell propensities' }),
  standardError: z.number().nullable().meta({
    description: 'SE of the R-indicator by the delta method; null when every cell answers at the same rate',
  }),
  interval: z
    .object({ low: z.number(), high: z.number() })
    .nullable()
    .meta({ description: 'rIndicator -/+ 1.96 standardError, the upper end capped at 1' }),
  partials: z.record(z.string(), partialR).meta({
    description: 'Per background variable (customerType, serviceType, riskClass, language), as mix',
  }),
})

const followUpFigures = z.object({
  invited: z.int(),
  opened: z.int(),
  completed: z.int(),
  declined: z.int(),
  rates: open.meta({ description: 'AAPOR rr1, rr2, coop1, ref1, con1 over follow-up invitations' }),
})
const nullableFollowUpFigures = z.object({
  invited: z.int().nullable(),
  opened: z.int().nullable(),
  completed: z.int().nullable(),
  declined: z.int().nullable(),
  rates: open.nullable(),
})

export const diagnosticsSchema = z.object({
  programmeId: id,
  period,
  ...seriesFields,
  programme: z.object({
    outcomes: open.meta({ description: 'AAPOR outcome counts I, P, R, O, NC (P, O, NC null for a provider key)' }),
    rates: open.meta({
      description: 'AAPOR rates rr1, rr2, coop1, ref1, con1 (rr2, coop1, con1 null for a provider key)',
    }),
    medianProviderRate: z.number().nullable(),
    medianDaysToAnswer: z.number().nullable(),
    cannotSay,
    medianProviderCannotSayShare: z.number().nullable().meta({
      description: 'Median over providers of their "cannot say" share (the cannot_say flag compares with it)',
    }),
    rIndicator: z.number().nullable().meta({ description: 'representativeness.rIndicator' }),
    representativeness: representativeness.nullable().meta({ description: 'null for a provider key' }),
    itemStatistics: z.array(open),
  }),
  providers: z.array(
    z.object({
      providerId: id,
      name: z.string(),
      outcomes: open,
      rates: open,
      medianDaysToAnswer: z.number().nullable(),
      cannotSay,
      representativeness: representativeness
        .extend({
          belowProgramme: z.boolean().meta({
            description:
              "Flag: the provider's whole interval lies below the programme's R-indicator (an interval reaching above it is no fault)",
          }),
          mix: open.meta({ description: 'Per variable: respondent and non-respondent counts and shares per value' }),
        })
        .nullable()
        .meta({ description: 'null for a provider key' }),
      integrityFlags: z.array(open).meta({
        description:
          'Raised flags { flag, evidence }: low_response_rate, soon_after_registration, too_fast, straight_lining (one non-top point), one_network, frequent_reissue, cannot_say',
      }),
      itemStatistics: z.array(open),
    }),
  ),
  weeks: z
    .array(
      z.object({
        weekStart: isoDate,
        invited: z.int(),
        opened: z.int(),
        started: z.int(),
        completed: z.int(),
        declined: z.int(),
      }),
    )
    .meta({ description: 'Procurer keys only (empty for a provider key)' }),
  months: z
    .array(
      z.object({
        month: z.string().meta({ description: 'YYYY-MM of service end' }),
        invited: z.int(),
        completed: z.int(),
        declined: z.int(),
      }),
    )
    .meta({
      description:
        'Per month of service end; for a provider key its own, with released completions and declines only (chunks of minGroup per month and customer type)',
    }),
  followUp: z
    .object({
      programme: followUpFigures.nullable().meta({
        description: 'null for a provider key while any provider has fewer than minGroup follow-up invitations',
      }),
      providers: z.array(
        z.object({ providerId: id, name: z.string(), ...nullableFollowUpFigures.shape }).meta({
          description: 'A provider key gets its own row only, with null figures below minGroup follow-up invitations',
        }),
      ),
    })
    .meta({
      description:
        "The follow-up wave's own counts and AAPOR rates (invitations of episodes ending in the period); never part of the exit wave's outcomes, rates, scores or fees",
    }),
  caseMix: caseMixSchema.nullable().optional().meta({
    description:
      'Present when the programme has caseMix on: the regression behind the adjusted indices. Null when no model could be fitted (answers <= providers + columns) or, for a provider key, where programme figures are hidden (fewer than minGroup answers or three providers)',
  }),
  intake: z
    .array(
      z.object({
        providerId: id,
        invited: z.int().meta({ description: 'Intake invitations of the episodes ending in the period' }),
        completed: z.int().meta({
          description:
            'Intake answers with at least half of the scored items on the scale (break-offs are not); for a provider key rounded down to whole groups of minGroup',
        }),
        rate: z.number().nullable().meta({ description: 'completed / invited; null without invitations' }),
      }),
    )
    .nullable()
    .meta({
      description:
        'Intake response rates per provider (a provider key: its own); null when the programme has no intake wave and sent no intake invitation in the period',
    }),
})

// The fee ledger (issue 12): amount is what the run found owed, paidBefore what earlier final runs paid for
// the same client and component, payable = amount - paidBefore what this run pays (negative: a credit).
const signed = z.string().meta({ description: 'Amount with two decimals, negative for a credit, e.g. -250.00' })
const paidFields = {
  amount: amount.meta({ description: 'Owed as computed by this run' }),
  paidBefore: signed.meta({
    description: 'Paid for the same client (or provider-level period) and component key by earlier final runs',
  }),
  payable: signed.meta({ description: 'amount - paidBefore: what this run pays (negative: a credit)' }),
}
const componentKey = z.string().meta({ description: 'The component key the fee ledger pays it under' })
const component = z.object({
  type: z.string(),
  key: componentKey.optional(),
  ...paidFields,
  explanation: z.string(),
  details: open.optional(),
  suppressionSensitivity: z
    .object({
      answers: z.int().meta({ description: "The provider's lowest 10 % of scored answers (at least one)" }),
      gain: signed.meta({ description: 'What the component would pay more had those answers been non-responses' }),
    })
    .optional()
    .meta({
      description:
        'Only when the component fills non-respondents from respondents (client nonResponse providerMean, provider or pool nonResponse respondentMean): what suppressing unhappy answers would pay, before the cap and any budget',
    }),
})
// Fee confidence (docs/METHODS.md): only on a provider-level quality or pool line whose amount depends on a
// threshold of the provider's quality index, and only with 2 or more scored responses.
const confidenceFields = {
  confidence: z.number().min(0.5).max(1).optional().meta({
    description:
      "Probability (0.5-1) that the provider's true index lies on the side of the nearest threshold that its index puts it: T_{n-1}(|index - threshold| / (sd/sqrt n)), sd the larger of its own and the programme's pooled within-provider sd. Absent when no threshold decides the line (client lines, linear factor, a failed gate, fewer than 2 responses)",
  }),
  threshold: z.number().optional().meta({ description: 'With confidence: the threshold it is about (the nearest)' }),
  thresholdReached: z.boolean().optional().meta({
    description: 'With confidence: whether the index reaches that threshold (the step, share, ... is earned)',
  }),
  thresholds: z
    .array(z.object({ threshold: z.number(), reached: z.boolean(), confidence: z.number() }))
    .optional()
    .meta({ description: 'With confidence: every threshold the amount depends on, lowest first' }),
  expectedAmount: amount.optional().meta({
    description:
      'With confidence: the amount expected under the uncertainty of the index, sum over the classifications of probability x amount (each class at its point nearest the index), rounded once to cents',
  }),
}

const line = z.object({
  episodeId: id.nullable(),
  externalRef: z.string().nullable(),
  component: z.int(),
  componentKey: componentKey.optional(),
  type: z.string(),
  ...paidFields,
  reason: z.string(),
  clients: z.int().optional().meta({
    description:
      'Only on the one line per run a provider key gets for a client-basis quality component (externalRef null): the clients it covers',
  }),
  respondents: z.int().optional().meta({ description: 'With clients: how many of them have a scored response' }),
  ...confidenceFields,
})

export const providerStatementSchema = z.object({
  providerId: id,
  name: z.string(),
  clients: z.int(),
  responses: z.int(),
  responseRate: rate,
  qualityIndex: z.number().nullable(),
  components: z.array(component),
  owed: amount.meta({ description: 'Sum of the amounts owed' }),
  expectedOwed: amount.nullable().meta({
    description:
      'owed with each line that has a confidence at its expectedAmount: what the provider is owed on average under the uncertainty of its index; null in runs from before fee confidence',
  }),
  paidBefore: signed.meta({ description: 'Sum of what earlier final runs paid of it' }),
  total: signed.meta({ description: 'What this run pays the provider: the sum of payable' }),
  lines: z.array(line).optional().meta({ description: 'Per-client lines, with ?lines=true' }),
})

const runFields = {
  id,
  programmeId: id,
  status: z.enum(['computing', 'draft', 'final', 'superseded']),
  ruleVersion: z.int(),
  surveyVersions: z.array(
    z.object({
      surveyId: z.string(),
      version: z.int(),
      series: z.int().optional().meta({
        description:
          'The first version of the series the version belongs to (absent in runs from before survey series). The fee arithmetic pools every version of the period',
      }),
    }),
  ),
  period,
  inputsHash: z.string().nullable().meta({ description: 'Hash of every input, to show a rerun used the same data' }),
  createdAt: instant,
  finalisedAt: instant.nullable(),
  supersededBy: id.nullable(),
  currency: z.string(),
  ledgerVersion: z.int().nullable().meta({
    description: "The programme's fee ledger version the paid-before figures were read at (null before the ledger)",
  }),
  unallocated: amount.nullable().meta({ description: 'Pool money no provider qualified for; null for a provider key' }),
  owed: amount.nullable().meta({ description: 'Sum of what the run found owed; null for a provider key' }),
  expectedOwed: amount.nullable().meta({
    description:
      "Sum of the providers' expectedOwed (the fee expected under the uncertainty of the indices); null for a provider key and in runs from before fee confidence",
  }),
  paidBefore: signed
    .nullable()
    .meta({ description: 'Sum of what earlier final runs paid of it; null for a provider key' }),
  total: signed.nullable().meta({ description: 'What the run pays: the sum of payable; null for a provider key' }),
  budget: budgetSchema.nullable().meta({ description: 'How the run budget scaled it; null without a budget' }),
  linkCustody,
}

export const feeRunSummarySchema = z.object(runFields)

export const feeRunSchema = z.object({
  ...runFields,
  providers: z.array(providerStatementSchema).meta({ description: 'A provider key sees only its own statement' }),
  atRisk: z
    .array(
      z.object({
        providerId: id,
        name: z.string(),
        qualityIndex: z.number().nullable(),
        component: z.int(),
        componentKey: componentKey.optional(),
        type: z.string(),
        amount: amount.meta({ description: 'Owed as computed by this run' }),
        ...confidenceFields,
      }),
    )
    .optional()
    .meta({
      description:
        'GET /fee-runs/{id} only: the 20 lines most at risk of misclassification (those with a confidence, lowest confidence first); a provider key sees only its own',
    }),
})

export const ledgerPageSchema = z.object({
  programmeId: id,
  currency: z.string(),
  entries: z.array(
    z.object({
      runId: id,
      ledgerVersion: z.int().meta({ description: 'The finalisation that wrote it: 1, 2, ... per programme' }),
      finalisedAt: instant,
      providerId: id,
      episodeId: id.nullable().meta({ description: 'null for a provider-level line' }),
      externalRef: z.string().nullable(),
      component: z.int().meta({ description: 'Position of the component in its rule version' }),
      componentKey,
      type: z.string(),
      ruleVersion: z.int(),
      period,
      ...paidFields,
      reason: z.string(),
      lines: z.int().optional().meta({
        description:
          "A provider key's one entry per run for a client-basis quality component: how many client entries it sums",
      }),
    }),
  ),
  truncated: z.boolean().meta({ description: 'More entries than limit: narrow by providerId or externalRef' }),
})

export const disputeSchemaView = z.object({
  id,
  runId: id,
  providerId: id,
  externalRef: z.string().nullable(),
  reason: z.string(),
  status: z.enum(['open', 'accepted', 'rejected']),
  resolution: z.string().nullable(),
  createdAt: instant,
  resolvedAt: instant.nullable(),
})

export const simulationResultSchema = z.object({
  programmeId: id,
  period,
  currency: z.string(),
  rules: z.array(
    z.object({
      index: z.int(),
      total: amount,
      expected: amount.meta({
        description: 'The total expected under the uncertainty of the indices (fee confidence)',
      }),
      unallocated: amount,
      inputsHash: z.string(),
      budget: budgetSchema.nullable(),
    }),
  ),
  providers: z.array(
    z.object({
      providerId: id,
      name: z.string(),
      amounts: z.array(amount).meta({ description: 'One per rule, in the order sent' }),
      differences: z.array(amount).meta({ description: 'Each rule against the first one' }),
    }),
  ),
  statements: z.array(z.array(providerStatementSchema)).meta({ description: 'Per rule, every provider statement' }),
})
