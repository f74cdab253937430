import { z } from 'zod'
import { PERIOD_PATTERN } from '../domain/periods.ts'
import { text } from './common.ts'

/** A steering group's rating of one provider for one whole month, quarter or year. */
export const panelRatingSchema = z.strictObject({
  providerId: z.string().min(1),
  period: z
    .string()
    .regex(PERIOD_PATTERN, { message: 'must be a whole month, quarter or year: 2027-03, 2027-Q1 or 2027' }),
  rating: z.number().finite().meta({ description: "On the scale of the fee rule's panel component" }),
  reason: text(2000).meta({ description: 'Why: shown to the provider' }),
})
export type PanelRatingInput = z.infer<typeof panelRatingSchema>
