import { z } from 'zod'
import { isoDate, languageSchema, SURVEY_REF_PATTERN } from './common.ts'

/** GET /programmes/:pid/responses.csv */
export const responsesExportQuery = z
  .object({
    lang: languageSchema.default('fi').meta({ description: 'The language of the answer labels (the *_label columns)' }),
    from: isoDate.optional().meta({ description: 'Responses of episodes that ended on or after this day' }),
    to: isoDate.optional().meta({ description: 'Responses of episodes that ended on or before this day' }),
    survey: z
      .string()
      .regex(SURVEY_REF_PATTERN, { message: 'must be a survey id (cx-company) or one version of it (cx-company@2)' })
      .optional()
      .meta({ description: 'Only this survey, or only this version of it', example: 'cx-company@2' }),
    wave: z
      .enum(['exit', 'intake', 'followup'])
      .default('exit')
      .meta({ description: 'Which invitation of each episode: the exit survey, the intake or the follow-up' }),
    status: z
      .enum(['completed', 'all'])
      .default('completed')
      .meta({ description: 'completed: finished responses only; all: also those still in progress' }),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['to'] })
  .transform((q) => {
    const [, surveyId, version] = q.survey ? SURVEY_REF_PATTERN.exec(q.survey)! : []
    return { ...q, surveyId: surveyId ?? null, surveyVersion: version ? Number(version) : null }
  })

export type ResponsesExportQuery = z.infer<typeof responsesExportQuery>
