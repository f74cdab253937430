import { z } from 'zod'
import { PERIOD_PATTERN } from '../domain/periods.ts'
import { customerTypeSchema, isoDate } from './common.ts'

/**
 * A reporting period by episode end date: `period` (a whole month, quarter or year) or, for procurer keys
 * only, `from`/`to` (inclusive). Without either: the 365 days up to today for a procurer, the last 12 whole
 * months for provider keys and the public (domain/periods.ts decides, as it depends on who asks).
 */
export const scoresQuerySchema = z
  .object({
    period: z
      .string()
      .regex(PERIOD_PATTERN, { message: 'must be a month, quarter or year written 2027-03, 2027-Q1 or 2027' })
      .optional()
      .meta({ description: 'A whole calendar month (2027-03), quarter (2027-Q1) or year (2027)', example: '2027-Q1' }),
    from: isoDate
      .optional()
      .meta({ description: 'Procurer keys only (a provider key or the public gets 400 naming period)' }),
    to: isoDate.optional().meta({ description: 'Procurer keys only, with from' }),
    customerType: customerTypeSchema.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['to'] })

export type ScoresQuery = z.infer<typeof scoresQuerySchema>
