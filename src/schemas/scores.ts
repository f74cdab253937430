import { z } from 'zod'
import { PERIOD_PATTERN } from '../domain/periods.ts'
import { SERIES_PATTERN } from '../domain/series.ts'
import { customerTypeSchema, isoDate } from './common.ts'

/**
 * A reporting period by episode end date: `period` (a whole month, quarter or year) or, for procurer keys
 * only, `from`/`to` (inclusive). Without either: the 365 days up to today for a procurer, the last 12 whole
 * months for provider keys and the public (domain/periods.ts decides, as it depends on who asks).
 */
const periodQuery = z.object({
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
const fromBeforeTo = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to
const orderIssue = { message: 'from must not be after to', path: ['to'] }

/** The comments' query: the period only (comments of every survey version; they are not scores). */
export const commentsQuerySchema = periodQuery.refine(fromBeforeTo, orderIssue)

/** The score tables' and diagnostics' query: the period and the survey series (domain/series.ts). */
export const scoresQuerySchema = periodQuery
  .extend({
    series: z
      .string()
      .regex(SERIES_PATTERN, {
        message: 'must be a survey version written cx-company@2 (several surveys separated by commas)',
      })
      .optional()
      .meta({
        description:
          'The survey series to show, named by any of its versions (cx-company@2; several surveys: cx-company@2,cx-jobseeker@1). Default per survey: the series of the latest version with completed responses in the period',
        example: 'cx-company@2',
      }),
  })
  .refine(fromBeforeTo, orderIssue)

export type ScoresQuery = z.infer<typeof scoresQuerySchema>
export type CommentsQuery = z.infer<typeof commentsQuerySchema>
