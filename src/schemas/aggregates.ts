import { z } from 'zod'

/** One calendar year or month whose buckets are compared with the raw rows. */
export const aggregateCheckQuerySchema = z.object({
  period: z
    .string()
    .regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, { message: 'must be a year or a month written 2027 or 2027-03' })
    .meta({ description: 'A calendar year (2027) or month (2027-03)', example: '2027' }),
})
