// Response bodies and their parts as the OpenAPI document describes them, for the Worker tests and
// the browser tests alike (types only: nothing here runs).
import type { z } from 'zod'
import type {
  accessKeySchema,
  auditEntrySchema,
  episodePageSchema,
  errorSchema,
  importResultSchema,
  programmeSchema,
  providerSchema,
  surveySchema,
} from '../src/openapi/shapes.ts'
import type {
  commentListSchema,
  diagnosticsSchema,
  feeRunSummarySchema,
  providerStatementSchema,
  scoreTableSchema,
  simulationResultSchema,
} from '../src/openapi/shapes-fees.ts'

export type ApiError = z.infer<typeof errorSchema>
export type Issue = ApiError['error']['issues'][number]
export type AccessKey = z.infer<typeof accessKeySchema>
export type Programme = z.infer<typeof programmeSchema>
export type Provider = z.infer<typeof providerSchema>
export type Episode = z.infer<typeof episodePageSchema>['episodes'][number]
export type ImportedEpisode = z.infer<typeof importResultSchema>['episodes'][number]
export type Survey = z.infer<typeof surveySchema>
export type AuditEntry = z.infer<typeof auditEntrySchema>
export type ScoreRow = z.infer<typeof scoreTableSchema>['providers'][number]
export type CommentsRow = z.infer<typeof commentListSchema>['providers'][number]
export type DiagnosticsRow = z.infer<typeof diagnosticsSchema>['providers'][number]
export type ProviderStatement = z.infer<typeof providerStatementSchema>
export type FeeComponent = ProviderStatement['components'][number]
export type FeeLine = NonNullable<ProviderStatement['lines']>[number]
export type FeeRunSummary = z.infer<typeof feeRunSummarySchema>
export type SimulatedRule = z.infer<typeof simulationResultSchema>['rules'][number]
