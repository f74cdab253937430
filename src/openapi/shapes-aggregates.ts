import { z } from 'zod'

const id = z.string()

export const aggregatePeriodsSchema = z.object({
  programmeId: id,
  periods: z
    .array(z.string())
    .meta({ description: 'Calendar years (2026) and months (2026-03) with buckets, oldest first' }),
  marked: z
    .int()
    .meta({ description: 'Buckets still waiting to be rebuilt (0 right after this request rebuilt them)' }),
})

export const aggregateCheckSchema = z.object({
  programmeId: id,
  period: z.string(),
  equal: z.boolean().meta({ description: 'true when every aggregate of both variants equals its recomputation' }),
  checks: z.array(
    z.object({
      variant: z.enum(['all', 'released']).meta({
        description:
          "all: every answer (the procurer's figures); released: answers released in whole groups of minGroup",
      }),
      differences: z
        .array(z.string())
        .meta({ description: 'The aggregates that differ (e.g. sums, items); empty when none' }),
    }),
  ),
})
