import { z } from 'zod'
import { isValidBusinessId } from '../domain/business-id.ts'
import { text } from './common.ts'

export const publicationSchema = z
  .strictObject({
    /** Fewer completed answers than this: the provider is listed as "too few answers". */
    minResponses: z.int().min(1).max(10_000).default(10),
    /** Fewer than this: shown with a "use with caution" note (default 30, never below minResponses). */
    cautionBelow: z.int().min(1).max(100_000).optional(),
    /** No figure is shown to providers or the public for a group smaller than this. */
    minGroup: z.int().min(3).max(1_000).default(5),
    /**
     * A fixed weight k of the programme mean in the shrunk index (n*Q + k*M)/(n + k). Left out (the default),
     * k is estimated from the data for every score table (empirical Bayes, docs/METHODS.md).
     */
    priorWeight: z.number().min(0).max(1_000).optional(),
  })
  .transform((p) => ({ ...p, cautionBelow: p.cautionBelow ?? Math.max(30, p.minResponses) }))
  .refine((p) => p.cautionBelow >= p.minResponses, {
    message: 'cautionBelow must be at least minResponses',
    path: ['cautionBelow'],
  })
export type Publication = z.infer<typeof publicationSchema>

/** Who holds the survey links: Laatu only (the default), or the provider who hands them out. */
export const linkCustodySchema = z.enum(['laatu', 'provider'])
/** What an episode imported by a provider key becomes: pending for the procurer, confirmed, or refused. */
export const providerEpisodesSchema = z.enum(['confirm', 'trusted', 'off'])

/** Case-mix adjustment of the quality index for the respondents' background (opt-in; docs/METHODS.md). */
export const caseMixSchema = z.boolean()

/**
 * Days after the service's end when the follow-up survey goes out (null or absent: no follow-up). The national
 * model's recruitment "within 3 months" is checked at 92 days (docs/METHODS.md, "Follow-up surveys").
 */
export const followUpDaysSchema = z.int().min(1).max(730).nullable()
/** The published survey the follow-up sends (its latest version when each invitation is made). */
export const followUpSurveySchema = z.string().min(1).max(60)

/** The custody and case-mix settings of a programme, changeable later with PATCH /programmes/:pid. */
export const programmeSettingsSchema = z
  .strictObject({
    linkCustody: linkCustodySchema.optional(),
    providerEpisodes: providerEpisodesSchema.optional(),
    caseMix: caseMixSchema.optional(),
    followUpDays: followUpDaysSchema.optional(),
    followUpSurvey: followUpSurveySchema.optional(),
  })
  .refine((s) => Object.values(s).some((v) => v !== undefined), {
    message: 'send at least one of linkCustody, providerEpisodes, caseMix, followUpDays and followUpSurvey',
  })
export type ProgrammeSettings = z.infer<typeof programmeSettingsSchema>

export const createProgrammeSchema = z.strictObject({
  name: text(200),
  region: text(200),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as EUR' })
    .default('EUR'),
  surveys: z.strictObject({
    company: z.string().min(1),
    jobseeker: z.string().min(1),
  }),
  /** Validated against the fee rule schema (with the programme's currency) by the route. */
  feeRule: z.unknown().optional(),
  publication: publicationSchema.default({ minResponses: 10, cautionBelow: 30, minGroup: 5 }),
  invitationDays: z.int().min(1).max(365).optional(),
  linkCustody: linkCustodySchema.default('laatu'),
  providerEpisodes: providerEpisodesSchema.default('confirm'),
  caseMix: caseMixSchema.default(false),
  followUpDays: followUpDaysSchema.default(null),
  followUpSurvey: followUpSurveySchema.default('outcome-followup'),
})
export type CreateProgramme = z.infer<typeof createProgrammeSchema>

export const createProviderSchema = z.strictObject({
  name: text(200),
  businessId: z
    .string()
    .regex(/^\d{7}-\d$/, {
      message: 'must be a Finnish business ID: seven digits, a dash and one digit, such as 1234567-1',
      abort: true,
    })
    .refine(isValidBusinessId, {
      message:
        'is not a valid Finnish business ID: its check digit (the last one) does not match the seven before it; check for a typo',
    })
    .optional(),
})
export type CreateProvider = z.infer<typeof createProviderSchema>
