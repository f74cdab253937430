import { z } from 'zod'
import { isValidBusinessId } from '../domain/business-id.ts'
import { SURVEY_ID_MESSAGE, SURVEY_ID_PATTERN, SURVEY_REF_PATTERN, text } from './common.ts'

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

/** A published survey version: "cx-company" (its latest version when each invitation is issued) or "cx-company@2". */
export const surveyRefSchema = z.string().regex(SURVEY_REF_PATTERN, {
  message: 'must be a survey id such as "cx-company", or an id and a version such as "cx-company@2"',
})

/** The survey of one customer type: one for all its clients, or a default and others by the episode's serviceType. */
export const surveyChoiceSchema = z.union(
  [
    surveyRefSchema,
    z.strictObject({
      default: surveyRefSchema,
      byServiceType: z
        // Keys are read as an episode's serviceType is (same text rules), so they match what imports store.
        .record(text(100), surveyRefSchema)
        .refine((m) => Object.keys(m).length <= 50, { message: 'must name at most 50 service types' })
        .optional(),
    }),
  ],
  { error: 'must be a survey id ("cx-company" or "cx-company@2") or {"default": ..., "byServiceType": {...}}' },
)

/** Which survey version an invitation gets, by the client's customer type and, optionally, service type. */
export const surveyMapSchema = z.strictObject({ company: surveyChoiceSchema, jobseeker: surveyChoiceSchema }).meta({
  description:
    'For each customer type a published survey: "cx-company" (its latest published version when each invitation is issued), "cx-company@2" (that version), or {"default": ..., "byServiceType": {"<serviceType>": ...}} (by the episode\'s serviceType, else the default). Each must be built in, this programme\'s own or an unbound procurer\'s, and for that customer type. A change applies to invitations issued afterwards; every invitation and response keeps its version',
})
export type SurveyMap = z.infer<typeof surveyMapSchema>
export type SurveyChoice = z.infer<typeof surveyChoiceSchema>

/**
 * Intake wave: a confirmed episode that started at most this many days before its confirmation also gets an
 * intake invitation with the same scored items (change = exit index - intake index); null: no intake wave.
 */
export const intakeWindowDaysSchema = z
  .int({ error: 'must be a whole number of days or null' })
  .min(0, { error: 'must be between 0 and 365' })
  .max(365, { error: 'must be between 0 and 365' })
  .nullable()

/**
 * Days after the service's end when the follow-up survey goes out (null or absent: no follow-up). The national
 * model's recruitment "within 3 months" is checked at 92 days (docs/METHODS.md, "Follow-up surveys").
 */
export const followUpDaysSchema = z.int().min(1).max(730).nullable()
/** The published survey the follow-up sends (its latest version when each invitation is made). */
export const followUpSurveySchema = z.string().regex(SURVEY_ID_PATTERN, { message: SURVEY_ID_MESSAGE })

/** The custody, case-mix, survey and intake settings of a programme, changeable later with PATCH /programmes/:pid. */
export const programmeSettingsSchema = z
  .strictObject({
    linkCustody: linkCustodySchema.optional(),
    providerEpisodes: providerEpisodesSchema.optional(),
    caseMix: caseMixSchema.optional(),
    surveys: surveyMapSchema.optional(),
    intakeWindowDays: intakeWindowDaysSchema.optional(),
    followUpDays: followUpDaysSchema.optional(),
    followUpSurvey: followUpSurveySchema.optional(),
  })
  .refine((s) => Object.values(s).some((v) => v !== undefined), {
    message:
      'send at least one of linkCustody, providerEpisodes, caseMix, surveys, intakeWindowDays, followUpDays and followUpSurvey',
  })
export type ProgrammeSettings = z.infer<typeof programmeSettingsSchema>

export const createProgrammeSchema = z.strictObject({
  name: text(200),
  region: text(200),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as EUR' })
    .default('EUR'),
  surveys: surveyMapSchema,
  /** Validated against the fee rule schema (with the programme's currency) by the route. */
  feeRule: z.unknown().optional(),
  publication: publicationSchema.default({ minResponses: 10, cautionBelow: 30, minGroup: 5 }),
  invitationDays: z.int().min(1).max(365).optional(),
  linkCustody: linkCustodySchema.default('laatu'),
  providerEpisodes: providerEpisodesSchema.default('confirm'),
  caseMix: caseMixSchema.default(false),
  intakeWindowDays: intakeWindowDaysSchema.default(null),
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
