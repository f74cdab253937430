import { z } from 'zod'
import { languageSchema } from './common.ts'

export const MAX_ANSWERS = 200

export const respondSchema = z.strictObject({
  /** Question name -> value; checked against the survey version by survey-core. */
  answers: z
    .record(z.string().max(100), z.union([z.string().max(10_000), z.number().finite(), z.boolean(), z.null()]))
    .refine((a) => Object.keys(a).length <= MAX_ANSWERS, { message: `at most ${MAX_ANSWERS} answers` }),
  complete: z.boolean().default(false),
  language: languageSchema.optional(),
})
export type RespondInput = z.infer<typeof respondSchema>
