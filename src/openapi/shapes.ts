// Response bodies of the keys, programmes, episodes, surveys and respondent routes, written in zod
// only to describe them (the routes build these objects from typed rows; nothing parses them).
import { z } from 'zod'
import { customerTypeSchema, isoDate, languageSchema } from '../schemas/common.ts'
import { feeRuleSchema } from '../schemas/fee-rule.ts'
import { linkCustodySchema, providerEpisodesSchema, surveyMapSchema } from '../schemas/programmes.ts'

const id = z.string()
const instant = z.string().meta({ description: 'ISO 8601 instant (UTC)' })
const nullableInstant = instant.nullable()

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable machine-readable code, e.g. invalid, not_found, conflict' }),
      message: z.string(),
      issues: z
        .array(
          z.object({
            path: z.string().meta({ description: 'Field path such as episodes[3].endedOn; empty for the whole body' }),
            message: z.string(),
          }),
        )
        .meta({ description: 'At most 100 issues; when there were more, truncated and issueCount say so' }),
      truncated: z
        .literal(true)
        .optional()
        .meta({ description: 'Present (true) only when issues lists the first 100 of issueCount' }),
      issueCount: z
        .number()
        .int()
        .optional()
        .meta({ description: 'How many issues there were in all; present with truncated' }),
      requestId: z
        .string()
        .optional()
        .meta({ description: 'On a 500: the id of the request, also sent as X-Request-Id; quote it when reporting' }),
    }),
  })
  .meta({ description: 'The one error shape of every API response with status 4xx or 5xx' })

export const accessKeySchema = z.object({
  id,
  role: z.enum(['procurer', 'provider', 'national']),
  programmeId: id.nullable(),
  providerId: id.nullable(),
  label: z.string().nullable(),
  createdAt: instant,
  expiresAt: nullableInstant,
  revokedAt: nullableInstant,
})

export const newAccessKeySchema = accessKeySchema.extend({
  key: z.string().meta({ description: 'The secret (lk_...), shown this once; only its hash is stored' }),
})

export const feeRuleVersionSchema = z.object({ version: z.int().min(1), rule: feeRuleSchema, createdAt: instant })

export const programmeSchema = z.object({
  id,
  name: z.string(),
  region: z.string(),
  currency: z.string(),
  surveys: surveyMapSchema,
  publication: z.object({
    minResponses: z.int(),
    cautionBelow: z.int(),
    minGroup: z.int(),
    priorWeight: z.number().optional().meta({
      description:
        'A fixed prior weight k of the shrunk index; absent, k is estimated from the data (empirical Bayes, each score table gives it in programme.estimates)',
    }),
  }),
  invitationDays: z.int(),
  linkCustody: linkCustodySchema.meta({
    description:
      'Who holds the survey links: laatu (Laatu sends them; the procurer fetches those of clients without contact data) or provider (a provider key also gets the links of its episodes and may re-issue them)',
  }),
  providerEpisodes: providerEpisodesSchema.meta({
    description:
      'What an episode imported with a provider key becomes: confirm (pending until the procurer confirms it), trusted (confirmed at once) or off (provider keys may not import)',
  }),
  caseMix: z.boolean().meta({
    description:
      'Case-mix adjustment: scores and diagnostics show the index adjusted for the respondents\' background (customer type, service type, risk class, language, days to answer) beside the raw one; a fee rule may pay by it ("index": "adjusted"). Off by default',
  }),
  intakeWindowDays: z.int().nullable().meta({
    description:
      'Intake wave: an episode confirmed no more than this many days after its service started, and not after its service ended (endedOn on or after the day of confirmation), also gets an intake invitation (the same survey version, its own link), and scores show the change from intake to exit, pairing an intake answer only with a later exit answer (docs/METHODS.md). Null (the default): no intake wave',
  }),
  followUpDays: z.int().nullable().meta({
    description:
      "Days after a service's end when the delivery job sends the follow-up survey (1-730; null: none). The national model's recruitment within 3 months is checked at 92",
  }),
  followUpSurvey: z.string().meta({
    description:
      "The survey the follow-up sends (default outcome-followup, a company survey: follow-ups go to the episodes of the survey's customer type)",
  }),
  createdAt: instant,
})

export const programmeWithRuleSchema = programmeSchema.extend({
  feeRule: feeRuleVersionSchema
    .nullable()
    .meta({ description: 'The current fee rule version, or null before the first' }),
})

export const providerSchema = z.object({
  id,
  programmeId: id,
  name: z.string(),
  businessId: z.string().nullable(),
  createdAt: instant,
})

const invitationStatus = z.enum(['open', 'completed', 'declined'])
const procurerOnly = (what: string) => nullableInstant.optional().meta({ description: `${what}; procurer keys only` })

/** An invitation as a key sees it: a provider key gets neither its status nor a timestamp a client's action sets. */
const invitationFields = {
  id,
  status: invitationStatus
    .optional()
    .meta({ description: 'Absent for a provider key: it never learns whether one client answered' }),
  surveyId: z.string(),
  surveyVersion: z.int(),
  language: languageSchema,
  issuedAt: instant,
  expiresAt: instant,
  openedAt: procurerOnly('When the link was first opened'),
  startedAt: procurerOnly('When the first answer was saved'),
  completedAt: procurerOnly('When the survey was completed'),
  declinedAt: procurerOnly('When the respondent declined'),
}

/** The invitation in a listing or an episode: the link itself is never read back (only its hash is stored). */
export const invitationSchema = z.object({
  ...invitationFields,
  url: z.null().meta({ description: 'Always null here: the link exists only in the response that issued it' }),
  token: z.null().meta({ description: 'Always null here' }),
})

/** An invitation in the import response that created it: the one place the link is returned. */
export const invitationLinkSchema = z.object({
  ...invitationFields,
  url: z.string().nullable().meta({
    description:
      'Personal survey link on PUBLIC_BASE_URL, only in the import response that created the invitation. Null for an episode that already existed, for a provider key unless the programme has linkCustody "provider", and when PUBLIC_BASE_URL is unset and the request did not come from a loopback host',
  }),
  token: z.string().nullable().meta({
    description:
      'The link token, only in the import response that created the invitation; null where the caller may not hold links (as for url) or the episode already existed',
  }),
})

export const reissuedInvitationSchema = z.object({
  ...invitationFields,
  url: z.string().nullable().meta({
    description:
      'The new personal link on PUBLIC_BASE_URL; the old one stops working. Null when PUBLIC_BASE_URL is unset and the request did not come from a loopback host',
  }),
  token: z.string(),
})

const actorRole = z.enum(['admin', 'procurer', 'provider'])

export const episodeSchema = z.object({
  id,
  programmeId: id,
  providerId: id,
  customerType: customerTypeSchema,
  externalRef: z
    .string()
    .meta({ description: 'As sent (NFKC-normalised and trimmed); unique in the programme without regard to case' }),
  serviceType: z.string().nullable(),
  startedOn: isoDate,
  endedOn: isoDate,
  riskClass: z
    .string()
    .nullable()
    .meta({ description: 'The class that prices result fees; set by the procurer only (at import or confirmation)' }),
  proposedRiskClass: z
    .string()
    .nullable()
    .meta({ description: 'The class a provider key sent at import: a proposal that prices nothing' }),
  language: languageSchema,
  status: z.enum(['pending', 'confirmed', 'rejected']).meta({
    description:
      'pending: imported by a provider key, waiting for the procurer (no invitation, counts nowhere); confirmed: invited, billable; rejected: never invited, never paid',
  }),
  createdAt: instant,
  reviewNote: z
    .string()
    .nullable()
    .meta({ description: "The procurer's reason for rejecting the episode (shown to its provider too)" }),
  hasContact: z.boolean().meta({ description: 'Whether an email or phone is stored (contacts are never returned)' }),
  createdBy: z
    .object({
      keyId: id
        .nullable()
        .meta({ description: 'null for the admin token (and for episodes from before this was recorded)' }),
      role: actorRole.nullable(),
    })
    .optional()
    .meta({ description: 'Who imported the episode; procurer keys only' }),
  reviewedBy: z
    .object({
      keyId: id
        .nullable()
        .meta({ description: 'null for the admin token, or when the programme trusted its providers' }),
      role: z
        .enum(['admin', 'procurer'])
        .nullable()
        .meta({ description: 'null when providerEpisodes "trusted" confirmed the episode at import (no key)' }),
      at: instant,
    })
    .nullable()
    .optional()
    .meta({ description: 'Who confirmed or rejected the episode, and when; null while pending. Procurer keys only' }),
  invitation: invitationSchema
    .nullable()
    .meta({ description: 'Null while the episode is pending, and for a rejected episode: it has no invitation' }),
})

export const outcomeSchemaView = z.object({
  id,
  episodeId: id,
  type: z.string(),
  occurredOn: isoDate,
  value: z.number().nullable(),
  createdAt: instant,
})

export const reportedOutcomeSchema = z.object({
  id: id.meta({ description: 'rep_...' }),
  episodeId: id,
  externalRef: z.string(),
  providerId: id,
  providerName: z.string(),
  type: z.string().meta({ description: 'The outcome type the follow-up question reports, e.g. recruitment' }),
  occurredOn: isoDate.meta({ description: 'The day the answer gives (the start date of the employment)' }),
  value: z.number().nullable().meta({
    description: 'The reported amount over its divisor, e.g. weekly hours / 37.5 = full-time equivalents (0.53)',
  }),
  status: z.enum(['pending', 'confirmed', 'rejected']),
  reviewedByKey: id.nullable().meta({ description: 'The key that confirmed or rejected it' }),
  reviewedAt: nullableInstant,
  createdAt: instant.meta({ description: 'When the follow-up response was completed' }),
  linkHeldBy: z.enum(['laatu', 'procurer']).meta({
    description:
      'Who held the follow-up link it was answered through: laatu (sent to the contact stored at issue) or procurer (a client without contact data: the link of invitation-links.csv). Follow-up links are never handed to a provider, whatever the linkCustody',
  }),
})

export const reportedOutcomeListSchema = z.object({
  programmeId: id,
  status: z.enum(['pending', 'confirmed', 'rejected']),
  reportedOutcomes: z.array(reportedOutcomeSchema).meta({ description: 'Oldest first, at most 1,000' }),
})

const reviewCount = (what: string) =>
  z
    .int()
    .optional()
    .meta({ description: `How many pending reported outcomes were ${what} (present for that operation)` })
export const reportedReviewSchema = z.object({
  confirmed: reviewCount('confirmed, each now an outcome'),
  rejected: reviewCount('rejected'),
  unchanged: z.int().meta({ description: 'Named ones already confirmed or rejected: left as they were' }),
  reportedOutcomes: z.array(reportedOutcomeSchema).meta({ description: 'The named ones as they are now' }),
})

export const providerOutcomeSchemaView = z.object({
  id,
  providerId: id,
  type: z.string(),
  occurredOn: isoDate,
  value: z.number().nullable(),
  createdAt: instant,
})

export const panelRatingSchemaView = z.object({
  id,
  programmeId: id,
  providerId: id,
  period: z.string().meta({ description: '2027-03, 2027-Q1 or 2027' }),
  version: z.int().meta({ description: 'Per provider and period; the latest counts' }),
  rating: z.number(),
  reason: z.string(),
  createdAt: instant,
  createdBy: z.string().nullable(),
})

export const feeRuleTemplateSchema = z.object({
  id: z.string(),
  name: z.string(),
  region: z.string(),
  source: z.string(),
  summary: z.string(),
  rule: z.record(z.string(), z.unknown()).meta({ description: 'A fee rule (FeeRule) as a client sends it' }),
  example: z.object({
    description: z.string(),
    period: z.object({ from: isoDate, to: isoDate }).nullable(),
    providers: z.array(z.record(z.string(), z.unknown())).meta({ description: "The engine's inputs per provider" }),
    expected: z.object({ total: z.string(), components: z.array(z.string()) }),
    walkthrough: z.array(z.string()),
  }),
})

export const episodeDetailSchema = episodeSchema.extend({ outcomes: z.array(outcomeSchemaView) })

export const episodePageSchema = z.object({
  episodes: z.array(episodeSchema),
  next: z.string().nullable().meta({ description: 'Pass as `after` for the next page; null on the last page' }),
})

export const importResultSchema = z.object({
  created: z.int().meta({ description: 'Episodes stored by this request' }),
  existing: z.int().meta({ description: 'Episodes already stored with the same data (idempotent by externalRef)' }),
  pending: z.int().meta({ description: 'Episodes of this request (new or existing) that wait for the procurer' }),
  episodes: z.array(
    z.object({
      id,
      externalRef: z.string(),
      created: z.boolean(),
      status: z.enum(['pending', 'confirmed', 'rejected']),
      invitation: invitationLinkSchema
        .nullable()
        .meta({ description: 'Null while the episode is pending (or was rejected): it has no invitation yet' }),
      intakeInvitation: invitationLinkSchema.nullable().meta({
        description:
          'The start-of-service invitation, under the same link rules as invitation: null unless the programme has an intake wave and the episode was confirmed within intakeWindowDays of its start',
      }),
    }),
  ),
})

export const confirmResultSchema = z.object({
  confirmed: z.int().meta({ description: 'Episodes confirmed by this request' }),
  episodes: z.array(
    z.object({
      id,
      externalRef: z.string(),
      providerId: id,
      riskClass: z.string().nullable().meta({ description: 'The class that now prices its result fees' }),
      url: z.string().nullable().meta({
        description:
          'The new personal link on PUBLIC_BASE_URL (sent by Laatu where a contact is stored); null when PUBLIC_BASE_URL is unset and the request did not come from a loopback host',
      }),
      token: z.string().meta({ description: 'The link token; returned this once' }),
      intake: z.object({ url: z.string().nullable(), token: z.string() }).nullable().meta({
        description:
          'The intake link (returned this once, sent by Laatu where a contact is stored) when the programme has an intake wave, the episode started within intakeWindowDays and its service has not ended before today; else null',
      }),
    }),
  ),
})

export const rejectResultSchema = z.object({
  rejected: z.int().meta({ description: 'Episodes rejected by this request' }),
  episodeIds: z.array(id),
})

export const surveySchema = z.object({
  id: z.string(),
  version: z.int(),
  languages: z.array(z.string()),
  scoredItems: z.array(
    z.object({ name: z.string(), values: z.array(z.unknown()), notApplicable: z.unknown().nullable() }),
  ),
  definition: z.record(z.string(), z.unknown()).meta({ description: 'The SurveyJS definition of this version' }),
})

const answers = z.record(z.string(), z.unknown()).meta({ description: 'Question name -> answer' })

export const respondentSessionSchema = z.union([
  z.object({
    surveyId: z.string(),
    version: z.int(),
    language: languageSchema,
    status: z.enum(['open', 'expired']),
    expiresAt: instant,
    answers,
    definition: z.record(z.string(), z.unknown()),
  }),
  z
    .object({ status: z.enum(['completed', 'declined']) })
    .meta({ description: 'A finished link returns its status only, never the answers or the comment' }),
])

export const auditEntrySchema = z.object({
  at: instant,
  keyId: id.nullable().meta({ description: 'null for the admin token' }),
  role: z.string(),
  programmeId: id.nullable(),
  method: z.string(),
  path: z.string().meta({
    description: 'The request path; a response export (responses.csv) adds its filters and row count as a query',
  }),
  status: z.int().meta({ description: 'The response status the request got' }),
})

export const respondResultSchema = z.object({
  status: z.enum(['open', 'completed']),
  answers,
  idempotent: z.boolean().meta({ description: 'True when this repeated an identical completion' }),
})
