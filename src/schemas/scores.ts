import { z } from 'zod'
import { customerTypeSchema, isoDate } from './common.ts'

/** A reporting period by episode end date (inclusive); both ends default to the last 365 days. */
export const scoresQuerySchema = z
  .object({ from: isoDate.optional(), to: isoDate.optional(), customerType: customerTypeSchema.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['to'] })

export type ScoresQuery = z.infer<typeof scoresQuerySchema>

export function resolvePeriod(q: { from?: string; to?: string }, today: string): { from: string; to: string } {
  const to = q.to ?? today
  const from = q.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10)
  return { from, to }
}
