import { z } from 'zod'
import { isoDate, text } from './common.ts'

const period = { from: isoDate, to: isoDate }
const ordered = <T extends { from: string; to: string }>(p: T) => p.from <= p.to

export const createRunSchema = z
  .strictObject({ ...period, ruleVersion: z.int().min(1).optional() })
  .refine(ordered, { message: 'from must not be after to', path: ['to'] })

export const simulationSchema = z
  .strictObject({
    ...period,
    /** Candidate fee rules, each validated like a stored rule (with the programme's currency). */
    rules: z
      .array(z.unknown())
      .min(1, { message: 'send at least one rule' })
      .max(6, { message: 'compare at most 6 rules at once' }),
  })
  .refine(ordered, { message: 'from must not be after to', path: ['to'] })

export const disputeSchema = z.strictObject({
  providerId: z.string().min(1),
  /** A client line's episode reference, or none for the whole statement. */
  externalRef: text(100).optional(),
  reason: text(2000),
})

export const resolveDisputeSchema = z.strictObject({
  status: z.enum(['accepted', 'rejected']),
  resolution: text(2000),
})
