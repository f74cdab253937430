// Query parameters of the list endpoints: one schema each, used by the route and the OpenAPI document.
import { z } from 'zod'
import { isoDate } from './common.ts'

/** GET /keys */
export const keyListQuery = z.object({ programmeId: z.string().min(1) })

/** GET /audit */
export const auditQuery = z.object({
  programmeId: z.string().min(1).optional().meta({ description: 'Required unless the admin reads the whole log' }),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
})

/** GET /programmes/:pid/episodes */
export const episodeListQuery = z.object({
  from: isoDate.optional().meta({ description: 'Episodes that ended on or after this day' }),
  to: isoDate.optional().meta({ description: 'Episodes that ended on or before this day' }),
  providerId: z.string().min(1).optional(),
  status: z
    .enum(['pending', 'confirmed', 'rejected'])
    .optional()
    .meta({ description: 'Only episodes in this state: pending ones wait for the procurer to confirm them' }),
  after: z.string().min(1).optional().meta({ description: 'The `next` of the previous page' }),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
})

/** GET /programmes/:pid/ledger and ledger.csv */
export const ledgerQuery = z.object({
  providerId: z.string().min(1).optional().meta({ description: 'One provider (a provider key: its own only)' }),
  externalRef: z.string().min(1).max(100).optional().meta({ description: "One client's entries, by its reference" }),
  limit: z.coerce.number().int().min(1).max(10000).default(1000),
})
