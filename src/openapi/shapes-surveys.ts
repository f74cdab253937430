// Response bodies of the survey authoring routes (src/routes/surveys.ts), written in zod.
import { z } from 'zod'
import { customerTypeSchema } from '../schemas/common.ts'

const instant = z.string().meta({ description: 'ISO 8601 instant' })
const localised = z.object({ fi: z.string(), sv: z.string(), en: z.string() })

export const authoredSurveySchema = z.object({
  id: z.string(),
  title: z.string(),
  customerType: customerTypeSchema,
  builtin: z.boolean().meta({ description: 'A template shipped with Laatu: readable by all, never writable' }),
  ownerProgrammeId: z
    .string()
    .nullable()
    .meta({ description: 'The programme whose procurers own it; null for built-ins and unbound keys' }),
  draftUpdatedAt: instant.nullable(),
  latestVersion: z.int().nullable().meta({ description: 'The newest published version; null before the first' }),
})

export const surveyFindingSchema = z.object({
  severity: z.enum(['error', 'warning']).meta({ description: 'Any error refuses publication' }),
  rule: z.string().meta({ description: 'e.g. laatu/vague-anchor (docs/METHODS.md, "Scale wording rules")' }),
  path: z.string().meta({ description: 'JSON path in the definition, e.g. pages[0].elements[2].choices[3].text.fi' }),
  question: z
    .string()
    .nullable()
    .meta({ description: 'The name of the question it concerns; null for the survey or a page' }),
  message: localised,
})

export const surveyCreatedSchema = z.object({
  survey: authoredSurveySchema,
  findings: z.array(surveyFindingSchema),
})

export const surveyDraftSchema = z.object({
  survey: authoredSurveySchema,
  json: z.record(z.string(), z.unknown()).meta({ description: 'The draft SurveyJS definition' }),
  findings: z.array(surveyFindingSchema),
})

export const surveyLintSchema = z.object({
  findings: z.array(surveyFindingSchema),
  errors: z.int(),
  warnings: z.int(),
})

export const surveyPublicationSchema = z.object({
  surveyId: z.string(),
  version: z.int(),
  series: z.int().meta({ description: 'The first version of the run of versions whose scores pool' }),
  comparableTo: z.int().nullable(),
  publishedAt: instant,
})

export const surveyVersionListSchema = z.object({
  surveyId: z.string(),
  versions: z.array(
    z.object({
      version: z.int(),
      series: z.int(),
      comparableTo: z.int().nullable(),
      publishedAt: instant,
      usedBy: z
        .array(z.object({ programmeId: z.string(), name: z.string(), invitations: z.int() }))
        .meta({ description: 'Programmes the caller may read whose invitations were issued with this version' }),
    }),
  ),
})
