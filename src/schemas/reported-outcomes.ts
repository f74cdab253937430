import { z } from 'zod'

export const reportedStatusSchema = z.enum(['pending', 'confirmed', 'rejected'])

/** GET /programmes/:pid/reported-outcomes: one status (default pending). */
export const reportedOutcomesQuerySchema = z.object({
  status: reportedStatusSchema
    .default('pending')
    .meta({ description: 'pending (the default: the queue), confirmed or rejected' }),
})

/** POST .../reported-outcomes/confirm and .../reject: the reported outcomes to review, one or many. */
export const reviewReportedSchema = z.strictObject({
  ids: z
    .array(z.string().regex(/^rep_[0-9a-f]{20}$/, { message: 'must be a reported outcome id such as rep_…' }))
    .min(1, { message: 'name at least one reported outcome' })
    .max(1000),
})
export type ReviewReported = z.infer<typeof reviewReportedSchema>
