import { z } from 'zod'
import { text } from './common.ts'

const expiresAt = z.iso.datetime({ message: 'must be an ISO 8601 instant such as 2027-01-31T00:00:00Z' }).optional()

export const createKeySchema = z.discriminatedUnion('role', [
  z.strictObject({
    role: z.literal('procurer'),
    programmeId: z.string().min(1).optional(),
    label: text(200).optional(),
    expiresAt,
  }),
  z.strictObject({
    role: z.literal('provider'),
    providerId: z.string().min(1, { message: 'providerId is required for a provider key' }),
    label: text(200).optional(),
    expiresAt,
  }),
  // A ministry's key: no programme, no provider; reads only the national comparison. The admin alone makes one.
  z.strictObject({
    role: z.literal('national'),
    label: text(200).optional(),
    expiresAt,
  }),
])
export type CreateKey = z.infer<typeof createKeySchema>
