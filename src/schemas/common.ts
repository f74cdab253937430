import { z } from 'zod'
import { hiddenCharacterProblem, normaliseText, referenceProblem } from '../domain/unicode-text.ts'
import { plainTextProblem } from '../lib/plain-text.ts'
import { isIsoDate } from '../lib/time.ts'
import './messages.ts'

export const isoDate = z.string().refine(isIsoDate, { message: 'must be a calendar date written YYYY-MM-DD' })

export const languageSchema = z.enum(['fi', 'sv', 'en'])
export type Language = z.infer<typeof languageSchema>

export const customerTypeSchema = z.enum(['company', 'jobseeker'])
export type CustomerType = z.infer<typeof customerTypeSchema>

/** A survey id: 2 to 60 lowercase letters a-z, digits or '-' (migration 0011's CHECK on surveys.id). */
const SURVEY_ID = '[a-z0-9-]{2,60}'
export const SURVEY_ID_PATTERN = new RegExp(`^${SURVEY_ID}$`)
/** A survey id, optionally with one of its versions: "cx-company" or "cx-company@2" (groups: the id, the version). */
export const SURVEY_REF_PATTERN = new RegExp(`^(${SURVEY_ID})(?:@([1-9][0-9]{0,5}))?$`)
export const SURVEY_ID_MESSAGE = 'must be 2 to 60 lowercase letters a-z, digits or "-"'

/** The plain-text rule of names (see plainTextProblem) as a zod refinement, for any string schema. */
export function plainField(s: string, ctx: z.RefinementCtx) {
  const problem = plainTextProblem(s, 'field')
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
}

/** Refuses what `problem` names in the text as sent, then passes on its NFKC normal form, trimmed. */
function normalisedText(max: number, problem: (s: string) => string | null) {
  return z
    .string()
    .superRefine((s, ctx) => {
      const found = problem(s)
      if (found) ctx.addIssue({ code: 'custom', message: found })
    })
    .transform(normaliseText)
    .pipe(
      z
        .string()
        .min(1, { message: 'must not be empty' })
        .max(max, { message: `must be at most ${max} characters` })
        .superRefine(plainField),
    )
}

/** Free text shown to people: plain (see plainTextProblem), without hidden characters, NFKC, trimmed, bounded. */
export const text = (max: number) => normalisedText(max, hiddenCharacterProblem)

/** A reference that identifies something: like text, and with no look-alike spaces or mixed scripts. */
export const reference = (max: number) => normalisedText(max, referenceProblem)

export const periodQuerySchema = z
  .object({ from: isoDate, to: isoDate })
  .refine((p) => p.from <= p.to, { message: 'from must not be after to', path: ['to'] })
