import { z } from 'zod'
import {
  confirmEpisodesSchema,
  importEpisodesSchema,
  outcomeSchema,
  rejectEpisodesSchema,
} from '../schemas/episodes.ts'
import { feeRuleSchema } from '../schemas/fee-rule.ts'
import { createRunSchema, disputeSchema, resolveDisputeSchema, simulationSchema } from '../schemas/fee-runs.ts'
import { createKeySchema } from '../schemas/keys.ts'
import { panelRatingSchema } from '../schemas/panel.ts'
import {
  createProgrammeSchema,
  createProviderSchema,
  programmeSettingsSchema,
  surveyMapSchema,
} from '../schemas/programmes.ts'
import { reviewReportedSchema } from '../schemas/reported-outcomes.ts'
import { respondSchema } from '../schemas/respond.ts'
import { createSurveySchema, publishSurveySchema, saveDraftSchema } from '../schemas/surveys.ts'
import { type JsonSchema, registrySchemas, schemaRef } from './json-schema.ts'
import { nationalComparisonSchema } from './national-shapes.ts'
import * as shapes from './shapes.ts'
import { aggregateCheckSchema, aggregatePeriodsSchema } from './shapes-aggregates.ts'
import * as fees from './shapes-fees.ts'
import * as surveys from './shapes-surveys.ts'

/** Named schemas: request bodies are the routes' own zod schemas; responses are described in shapes*.ts. */
const named = {
  Error: shapes.errorSchema,
  FeeRule: feeRuleSchema,
  KeyCreate: createKeySchema,
  ProgrammeCreate: createProgrammeSchema,
  ProgrammeSettings: programmeSettingsSchema,
  SurveyMap: surveyMapSchema,
  ProviderCreate: createProviderSchema,
  EpisodeImport: importEpisodesSchema,
  EpisodeConfirm: confirmEpisodesSchema,
  EpisodeReject: rejectEpisodesSchema,
  OutcomeCreate: outcomeSchema,
  ReportedOutcomeReview: reviewReportedSchema,
  RespondInput: respondSchema,
  FeeRunCreate: createRunSchema,
  FeeSimulationCreate: simulationSchema,
  DisputeCreate: disputeSchema,
  DisputeResolve: resolveDisputeSchema,
  AccessKey: shapes.accessKeySchema,
  AuditEntry: shapes.auditEntrySchema,
  NewAccessKey: shapes.newAccessKeySchema,
  Programme: shapes.programmeSchema,
  ProgrammeWithRule: shapes.programmeWithRuleSchema,
  FeeRuleVersion: shapes.feeRuleVersionSchema,
  Provider: shapes.providerSchema,
  Episode: shapes.episodeSchema,
  EpisodeDetail: shapes.episodeDetailSchema,
  EpisodePage: shapes.episodePageSchema,
  EpisodeImportResult: shapes.importResultSchema,
  EpisodeConfirmResult: shapes.confirmResultSchema,
  EpisodeRejectResult: shapes.rejectResultSchema,
  InvitationLink: shapes.invitationLinkSchema,
  Invitation: shapes.invitationSchema,
  ReissuedInvitation: shapes.reissuedInvitationSchema,
  Outcome: shapes.outcomeSchemaView,
  ProviderOutcome: shapes.providerOutcomeSchemaView,
  ReportedOutcome: shapes.reportedOutcomeSchema,
  ReportedOutcomeList: shapes.reportedOutcomeListSchema,
  ReportedOutcomeReviewResult: shapes.reportedReviewSchema,
  PanelRating: shapes.panelRatingSchemaView,
  PanelRatingCreate: panelRatingSchema,
  FeeRuleTemplate: shapes.feeRuleTemplateSchema,
  Survey: shapes.surveySchema,
  SurveyCreate: createSurveySchema,
  SurveyDraftSave: saveDraftSchema,
  SurveyPublish: publishSurveySchema,
  AuthoredSurvey: surveys.authoredSurveySchema,
  SurveyFinding: surveys.surveyFindingSchema,
  SurveyCreated: surveys.surveyCreatedSchema,
  SurveyDraft: surveys.surveyDraftSchema,
  SurveyLint: surveys.surveyLintSchema,
  SurveyPublication: surveys.surveyPublicationSchema,
  SurveyVersionList: surveys.surveyVersionListSchema,
  RespondentSession: shapes.respondentSessionSchema,
  RespondResult: shapes.respondResultSchema,
  ScoreTable: fees.scoreTableSchema,
  PublicRatings: fees.publicRatingsSchema,
  Diagnostics: fees.diagnosticsSchema,
  CommentList: fees.commentListSchema,
  Principal: fees.principalSchema,
  ProviderStatement: fees.providerStatementSchema,
  FeeRun: fees.feeRunSchema,
  FeeRunSummary: fees.feeRunSummarySchema,
  Dispute: fees.disputeSchemaView,
  FeeSimulation: fees.simulationResultSchema,
  FeeLedger: fees.ledgerPageSchema,
  NationalComparison: nationalComparisonSchema,
  AggregatePeriods: aggregatePeriodsSchema,
  AggregateCheck: aggregateCheckSchema,
} satisfies Record<string, z.ZodType>

export type SchemaName = keyof typeof named

/** Every named schema as JSON Schema 2020-12, the dialect of OpenAPI 3.1. */
export function componentSchemas(): Record<string, JsonSchema> {
  // A registry of its own, so the ids never leak into zod's global registry the app uses.
  const registry = z.registry<{ id: string }>()
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id })
  const schemas = registrySchemas(registry)
  // The routes take fee rules as unknown and check them with parseFeeRule; the document names the schema.
  const feeRule = {
    $ref: schemaRef('FeeRule'),
    description: "Checked against the fee rule schema with the programme's currency",
  }
  setProperty(schemas.ProgrammeCreate, 'feeRule', feeRule)
  setProperty(schemas.FeeSimulationCreate, 'rules', {
    ...(property(schemas.FeeSimulationCreate, 'rules') as JsonSchema),
    items: feeRule,
  })
  return schemas
}

const property = (schema: JsonSchema, name: string) => (schema.properties as Record<string, unknown>)[name]

function setProperty(schema: JsonSchema, name: string, value: JsonSchema): void {
  if (property(schema, name) === undefined) throw new Error(`the schema has no property ${name}`)
  ;(schema.properties as Record<string, unknown>)[name] = value
}
