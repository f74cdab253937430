import { z } from 'zod'
import { PERIOD_PATTERN } from '../domain/periods.ts'
import { SURVEY_REF_PATTERN } from './common.ts'

/**
 * The national comparison's query: a survey (its series: the latest version's, or the series of the version
 * named, `cx-company@2`) and a whole calendar period as the public gets. Strict: `from`/`to` or a typo is a 400
 * naming it rather than a silently different table.
 */
export const nationalComparisonQuery = z.strictObject({
  survey: z
    .string({ error: 'is required: a survey id such as cx-company (or cx-company@2 for that version’s series)' })
    .regex(SURVEY_REF_PATTERN, {
      message: 'must be a survey id such as cx-company, or an id and a version such as cx-company@2',
    })
    .meta({
      description:
        'The survey whose series is compared: cx-company (the series of its latest published version) or cx-company@2 (the series of that version)',
      example: 'cx-company',
    }),
  period: z
    .string()
    .regex(PERIOD_PATTERN, { message: 'must be a month, quarter or year written 2027-03, 2027-Q1 or 2027' })
    .optional()
    .meta({
      description:
        'A whole calendar month (2027-03), quarter (2027-Q1) or year (2027); default the last 12 whole months',
      example: '2027',
    }),
})
export type NationalComparisonQuery = z.infer<typeof nationalComparisonQuery>
