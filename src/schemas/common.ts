import { z } from 'zod'
import { plainTextProblem } from '../lib/plain-text.ts'
import { isIsoDate } from '../lib/time.ts'

export const isoDate = z.string().refine(isIsoDate, { message: 'must be a calendar date written YYYY-MM-DD' })

export const languageSchema = z.enum(['fi', 'sv', 'en'])
export type Language = z.infer<typeof languageSchema>

export const customerTypeSchema = z.enum(['company', 'jobseeker'])
export type CustomerType = z.infer<typeof customerTypeSchema>

/** The plain-text rule of names (see plainTextProblem) as a zod refinement, for any string schema. */
export function plainField(s: string, ctx: z.RefinementCtx) {
  const problem = plainTextProblem(s, 'field')
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
}

/** Free text shown to people: trimmed, bounded, plain (see plainTextProblem). */
export function text(max: number) {
  return z
    .string()
    .trim()
    .min(1, { message: 'must not be empty' })
    .max(max, { message: `must be at most ${max} characters` })
    .superRefine(plainField)
}

export const periodQuerySchema = z
  .object({ from: isoDate, to: isoDate })
  .refine((p) => p.from <= p.to, { message: 'from must not be after to', path: ['to'] })
