// Survey authoring: a draft's SurveyJS JSON is checked here for what a survey must be before anything is
// stored (its shape, size, question count and types); the wording rules are the linter's (src/surveys/lint.ts).
import { z } from 'zod'
import { ALLOWED_TYPES } from '../surveys/question-types.ts'
import { customerTypeSchema, SURVEY_ID_MESSAGE, SURVEY_ID_PATTERN, text } from './common.ts'
import { surveyRefSchema } from './programmes.ts'

/** A survey's JSON is stored and compiled whole: far above any real survey, far below the 8 MiB body limit. */
export const MAX_SURVEY_JSON_BYTES = 512 * 1024
/** Questions per survey: a respondent on a phone gives up long before this. */
export const MAX_QUESTIONS = 200

/** The survey id rule of every schema (SURVEY_ID_PATTERN); "authored" names the list route. */
export const surveyIdSchema = z
  .string()
  .regex(SURVEY_ID_PATTERN, { message: SURVEY_ID_MESSAGE })
  .refine((id) => id !== 'authored', { message: '"authored" is reserved' })

const elementSchema = z.looseObject({
  type: z.string({ message: 'must be a question type such as "radiogroup"' }),
  name: z.string({ message: 'must be the question name' }).min(1, { message: 'must not be empty' }),
})
type Element = z.infer<typeof elementSchema> & { elements?: unknown }

const pageSchema = z.looseObject({ elements: z.array(elementSchema, { message: 'must be a list of questions' }) })

/** Panels hold elements of their own; every question inside counts and is checked. */
function checkElements(elements: Element[], path: (string | number)[], ctx: z.RefinementCtx, count: { n: number }) {
  elements.forEach((el, j) => {
    const at = [...path, j]
    if (el.type === 'panel') {
      const inner = z.array(elementSchema).safeParse(el.elements)
      if (!inner.success) {
        for (const issue of inner.error.issues)
          ctx.addIssue({ code: 'custom', path: [...at, 'elements', ...issue.path], message: issue.message })
      } else checkElements(inner.data, [...at, 'elements'], ctx, count)
      return
    }
    if (!ALLOWED_TYPES.includes(el.type)) {
      ctx.addIssue({
        code: 'custom',
        path: [...at, 'type'],
        message: `the respondent's page cannot show a "${el.type}" question; use one of ${ALLOWED_TYPES.join(', ')}`,
      })
    }
    if (++count.n === MAX_QUESTIONS + 1) {
      ctx.addIssue({ code: 'custom', path: at, message: `a survey has at most ${MAX_QUESTIONS} questions` })
    }
  })
}

/**
 * SurveyJS JSON with pages of questions the respondent's page can show; refused whole, nothing stored. Its last
 * check loads survey-core on first use, so the refinement is async: parse it with safeParseAsync (jsonBody does).
 */
export const surveyJsonSchema = z
  .custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), {
    message: 'must be a SurveyJS survey: a JSON object with "pages"',
  })
  .superRefine(async (json, ctx) => {
    if (JSON.stringify(json).length > MAX_SURVEY_JSON_BYTES) {
      ctx.addIssue({ code: 'custom', message: `must be at most ${MAX_SURVEY_JSON_BYTES / 1024} KiB of JSON` })
      return
    }
    const pages = z
      .array(pageSchema, { message: 'must be a list of pages, each with "elements"' })
      .min(1, { message: 'must have at least one page' })
      .safeParse(json.pages)
    if (!pages.success) {
      for (const issue of pages.error.issues)
        ctx.addIssue({ code: 'custom', path: ['pages', ...issue.path], message: issue.message })
      return
    }
    const count = { n: 0 }
    pages.data.forEach((page, i) => {
      checkElements(page.elements as Element[], ['pages', i, 'elements'], ctx, count)
    })
    if (count.n === 0) ctx.addIssue({ code: 'custom', path: ['pages'], message: 'must have at least one question' })
    if (count.n <= MAX_QUESTIONS) await loadable(json, ctx)
  })

/** What survey-core itself cannot build a survey from (Laatu's custom properties registered first). */
async function loadable(json: Record<string, unknown>, ctx: z.RefinementCtx) {
  const [{ Model }] = await Promise.all([import('survey-core'), import('../surveys/properties.ts')])
  try {
    // An unknown property is only ignored (the linter warns about it); a wrong type or value is lost.
    const e = new Model(json).jsonErrors?.find((error) => error.type !== 'unknownproperty')
    if (e) ctx.addIssue({ code: 'custom', message: `SurveyJS cannot load it: ${e.getFullDescription()}` })
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `SurveyJS cannot load it: ${String(e)}` })
  }
}

export const createSurveySchema = z
  .strictObject({
    id: surveyIdSchema,
    title: text(200).optional(),
    customerType: customerTypeSchema.optional(),
    json: surveyJsonSchema.optional(),
    from: surveyRefSchema.optional().meta({ description: 'Copy this published version, e.g. "cx-company@2"' }),
  })
  .superRefine((body, ctx) => {
    if (body.from !== undefined) {
      for (const key of ['json', 'customerType'] as const)
        if (body[key] !== undefined)
          ctx.addIssue({ code: 'custom', path: [key], message: 'comes from the copied survey; leave it out' })
      return
    }
    for (const key of ['title', 'customerType', 'json'] as const)
      if (body[key] === undefined)
        ctx.addIssue({ code: 'custom', path: [key], message: 'is required (or copy a survey with "from")' })
  })
export type CreateSurvey = z.infer<typeof createSurveySchema>

export const saveDraftSchema = z.strictObject({ json: surveyJsonSchema, title: text(200).optional() })
export type SaveDraft = z.infer<typeof saveDraftSchema>

export const publishSurveySchema = z.strictObject({
  comparableTo: z
    .number()
    .int()
    .min(1)
    .optional()
    .meta({ description: 'An earlier version with the same scored items, points and anchors: scores pool with it' }),
})
export type PublishSurvey = z.infer<typeof publishSurveySchema>

export const previewQuery = z.object({
  lang: z.enum(['fi', 'sv', 'en']).default('fi'),
  page: z.coerce.number().int().min(0).default(0),
})
