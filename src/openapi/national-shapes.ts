// The national comparison's response (src/app/national.ts), written in zod only to describe it.
import { z } from 'zod'
import { customerTypeSchema, isoDate } from '../schemas/common.ts'

const interval = z.tuple([z.number(), z.number()]).nullable()
const rate = z.number().nullable().meta({ description: 'Released completions / invitations, as the public sees it' })

const nationalProvider = z.object({
  providerId: z.string(),
  name: z.string(),
  publication: z.enum(['too_few_answers', 'caution', 'published']),
  published: z.boolean(),
  invited: z.int(),
  responses: z.int().meta({ description: 'Released answers with an index (as the public ratings count them)' }),
  responseRate: rate,
  qualityIndex: z.object({
    mean: z.number().nullable(),
    ci95: interval,
    shrunk: z.number().nullable(),
    shrunkCi95: interval,
  }),
  stars: z.number().nullable(),
})

export const nationalComparisonSchema = z.object({
  survey: z.object({
    id: z.string(),
    title: z.string(),
    customerType: customerTypeSchema,
    from: z.int().meta({ description: 'The first version of the series compared' }),
    versions: z.array(z.int()),
  }),
  period: z.object({ from: isoDate, to: isoDate }),
  programmes: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      region: z.string(),
      minResponses: z.int(),
      linkCustody: z.enum(['laatu', 'provider']),
      otherSurveys: z.array(z.string()).meta({
        description:
          "Other surveys of the same customer type whose answers the programme's public table pools with this series in the period (not like for like)",
      }),
      programme: z.object({
        providers: z.int(),
        invited: z.int(),
        responses: z.int(),
        responseRate: rate,
        qualityIndex: z.object({ mean: z.number().nullable(), ci95: interval }),
        rIndicator: z.object({ r: z.number(), interval }).nullable().meta({
          description:
            "The programme's R-indicator over its invitations' cells (cells under minGroup pooled), rounded to 0.01; null where the public sees no programme figure (docs/METHODS.md, National comparison)",
        }),
      }),
      providers: z.array(nationalProvider),
    }),
  ),
})
