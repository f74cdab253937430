import { z } from 'zod'
import { toE164 } from '../lib/phone.ts'
import { customerTypeSchema, isoDate, languageSchema, text } from './common.ts'

export const MAX_EPISODES_PER_REQUEST = 5000

const optionalText = (max: number) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), text(max).optional())

export const episodeInputSchema = z
  .strictObject({
    providerId: z.string().min(1, { message: 'providerId is required' }),
    customerType: customerTypeSchema,
    /** The procurer's own pseudonymous reference: never a name or a personal identity code. */
    externalRef: text(100),
    serviceType: optionalText(100),
    startedOn: isoDate,
    endedOn: isoDate,
    riskClass: optionalText(20),
    language: z.preprocess((v) => (v === '' || v === null ? undefined : v), languageSchema.default('fi')),
    contact: z
      .strictObject({
        email: z.preprocess(
          (v) => (v === '' ? undefined : v),
          z.email({ message: 'must be an email address' }).max(254).optional(),
        ),
        phone: z.preprocess(
          (v) => (v === '' ? undefined : v),
          z
            .string()
            .regex(/^\+?[0-9 ()-]{6,20}$/, {
              message: 'must be a phone number such as +358 40 123 4567',
              abort: true,
            })
            // Invitations go by text message to E.164 numbers (toE164 when queued): refuse what cannot be one.
            .refine((v) => toE164(v) !== null, {
              message:
                'must be a phone number with its country code (+358 40 123 4567) or a Finnish one (040 123 4567)',
            })
            .optional(),
        ),
      })
      .optional(),
  })
  .refine((e) => e.endedOn >= e.startedOn, { message: 'endedOn must not be before startedOn', path: ['endedOn'] })
export type EpisodeInput = z.infer<typeof episodeInputSchema>

export const importEpisodesSchema = z.strictObject({
  episodes: z
    .array(episodeInputSchema)
    .min(1, { message: 'send at least one episode' })
    .max(MAX_EPISODES_PER_REQUEST, { message: `send at most ${MAX_EPISODES_PER_REQUEST} episodes per request` }),
})

export const outcomeSchema = z.strictObject({
  type: z.string().regex(/^[a-z][a-z0-9_-]{0,49}$/, {
    message: 'must be a lower-case outcome name such as recruitment, plan or placement',
  }),
  occurredOn: isoDate,
  value: z.number().finite().optional(),
})
export type OutcomeInput = z.infer<typeof outcomeSchema>
