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
})
const topBox = z.object({ share: z.number().nullable(), ci95: interval })

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
const groupFigures = {
  clients: z.int(),
  invited: z.int(),
  responses: z.int(),
  responseRate: rate,
  qualityIndex,
  topBox,
}

export const scoreTableSchema = z.object({
  programmeId: id,
  period,
  customerType: customerTypeSchema.nullable(),
  linkCustody,
  programme: z.object({ providers: z.int(), ...groupFigures }),
  providers: z.array(
    z
      .object({
        providerId: id,
        name: z.string(),
        ...groupFigures,
        stars: z.number().nullable(),
        comparison: z.enum(['above', 'below', 'no_different']).nullable(),
        publication: z.enum(['too_few_answers', 'caution', 'published']),
        published: z.boolean(),
        linkCustody,
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
  role: z.enum(['admin', 'procurer', 'provider']),
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

export const diagnosticsSchema = z.object({
  programmeId: id,
  period,
  programme: z.object({
    outcomes: open.meta({ description: 'AAPOR outcome counts I, P, R, O, NC (P, O, NC null for a provider key)' }),
    rates: open.meta({
      description: 'AAPOR rates rr1, rr2, coop1, ref1, con1 (rr2, coop1, con1 null for a provider key)',
    }),
    medianProviderRate: z.number().nullable(),
    medianDaysToAnswer: z.number().nullable(),
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
      integrityFlags: z.array(open),
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
})
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
  paidBefore: signed.meta({ description: 'Sum of what earlier final runs paid of it' }),
  total: signed.meta({ description: 'What this run pays the provider: the sum of payable' }),
  lines: z.array(line).optional().meta({ description: 'Per-client lines, with ?lines=true' }),
})

const runFields = {
  id,
  programmeId: id,
  status: z.enum(['computing', 'draft', 'final', 'superseded']),
  ruleVersion: z.int(),
  surveyVersions: z.array(z.object({ surveyId: z.string(), version: z.int() })),
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
