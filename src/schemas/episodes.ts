import { z } from 'zod'
import { toE164 } from '../lib/phone.ts'
import { customerTypeSchema, isoDate, languageSchema, reference, text } from './common.ts'

export const MAX_EPISODES_PER_REQUEST = 5000

const optionalText = (max: number) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), text(max).optional())

export const episodeInputSchema = z
  .strictObject({
    providerId: z.string().min(1, { message: 'providerId is required' }),
    customerType: customerTypeSchema,
    /** The procurer's own pseudonymous reference: never a name or a personal identity code. */
    externalRef: reference(100),
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

/** Which pending episodes a confirmation or rejection is about: listed ones, or all of one provider's. */
const pendingSelection = {
  episodeIds: z.array(z.string().min(1)).min(1).max(MAX_EPISODES_PER_REQUEST).optional(),
  all: z.literal(true).optional(),
  providerId: z.string().min(1).optional(),
}
const oneSelection = (s: { episodeIds?: string[]; all?: true; providerId?: string }) =>
  (s.episodeIds !== undefined) !== (s.all === true && s.providerId !== undefined)

export const confirmEpisodesSchema = z
  .strictObject({
    ...pendingSelection,
    /** The class that prices result fees, set by the procurer for every episode confirmed here. */
    riskClass: text(20).optional(),
    /** Take each episode's class as the provider proposed it (where riskClass is not given). */
    acceptProposedRiskClass: z.boolean().default(false),
  })
  .refine(oneSelection, { message: 'send either episodeIds or {"all": true, "providerId"}', path: ['episodeIds'] })
export type ConfirmEpisodes = z.infer<typeof confirmEpisodesSchema>

export const rejectEpisodesSchema = z
  .strictObject({ ...pendingSelection, reason: text(500).optional() })
  .refine(oneSelection, { message: 'send either episodeIds or {"all": true, "providerId"}', path: ['episodeIds'] })
export type RejectEpisodes = z.infer<typeof rejectEpisodesSchema>
