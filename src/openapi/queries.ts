// Query parameters that the pages and the run route read by hand (with fallbacks rather than 400s):
// described here for the document only. The list endpoints' schemas live in src/schemas/queries.ts.
import { z } from 'zod'
import { languageSchema } from '../schemas/common.ts'

export { responsesExportQuery } from '../schemas/exports.ts'
export { auditQuery, episodeListQuery, keyListQuery, ledgerQuery } from '../schemas/queries.ts'

/** src/routes/runs.ts reads `lines` by hand: only the exact value true adds the per-client lines. */
export const runQuery = z.object({
  lines: z.enum(['true', 'false']).optional().meta({ description: 'true adds the per-client lines' }),
})

/** The pages read `lang` by hand; anything else falls back to the link's (or Finnish) language. */
export const langQuery = z.object({ lang: languageSchema.optional() })

export const surveyPageQuery = z.object({
  lang: languageSchema.optional(),
  page: z.int().min(0).optional().meta({ description: 'Zero-based page; defaults to where the respondent left off' }),
})

/** src/routes/programme-invitation-links.ts reads `providerId` by hand: absent, every provider's links. */
export const invitationLinksQuery = z.object({
  providerId: z.string().min(1).optional().meta({ description: "Only this provider's links" }),
})
