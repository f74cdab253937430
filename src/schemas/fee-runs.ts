import { z } from 'zod'
import { hasAtMostTwoDecimals } from '../domain/fee-rule.ts'
import { isoDate, text } from './common.ts'

const period = { from: isoDate, to: isoDate }

const budget = z
  .number()
  .min(0, { message: 'must not be negative' })
  .max(1_000_000_000, { message: 'must be at most 1000000000' })
  .refine(hasAtMostTwoDecimals, { message: 'must have at most 2 decimals (whole cents)' })
  .optional()
  .meta({
    description:
      'Most the run may cost: above it, every component but base fees is scaled down in proportion (largest remainder, to the cent); below the base fees it is refused',
  })
const ordered = <T extends { from: string; to: string }>(p: T) => p.from <= p.to

export const createRunSchema = z
  .strictObject({ ...period, ruleVersion: z.int().min(1).optional(), budget })
  .refine(ordered, { message: 'from must not be after to', path: ['to'] })

export const simulationSchema = z
  .strictObject({
    ...period,
    budget,
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
