// Every published survey version. A wording change is a new file and a new entry here,
// never an edit of an existing version (answers must stay traceable to the exact wording).
import cxCompanyV1 from '../../surveys/cx-company/v1.json' with { type: 'json' }
import cxCompanyV2 from '../../surveys/cx-company/v2.json' with { type: 'json' }
import cxJobseekerV1 from '../../surveys/cx-jobseeker/v1.json' with { type: 'json' }
import cxJobseekerV2 from '../../surveys/cx-jobseeker/v2.json' with { type: 'json' }
import outcomeFollowupV1 from '../../surveys/outcome-followup/v1.json' with { type: 'json' }
import type { JsonObject } from './scored-items.ts'

export type SurveyVersion = { id: string; version: number; definition: JsonObject }

export const surveyVersions: SurveyVersion[] = [
  { id: 'cx-company', version: 1, definition: cxCompanyV1 },
  { id: 'cx-jobseeker', version: 1, definition: cxJobseekerV1 },
  // v2: cumulative scales, one criterion per point, and a recruitment_decision that rewards how the
  // decision was prepared rather than a hire, which the recruitment fee already pays (docs/METHODS.md).
  { id: 'cx-company', version: 2, definition: cxCompanyV2 },
  { id: 'cx-jobseeker', version: 2, definition: cxJobseekerV2 },
  // unscored: the follow-up wave's questions about what happened after the service (reported outcomes)
  { id: 'outcome-followup', version: 1, definition: outcomeFollowupV1 },
]

export function findVersion(id: string, version: number): SurveyVersion | undefined {
  return surveyVersions.find((v) => v.id === id && v.version === version)
}

export function latestVersion(id: string): SurveyVersion | undefined {
  let latest: SurveyVersion | undefined
  for (const v of surveyVersions) {
    if (v.id === id && (!latest || v.version > latest.version)) latest = v
  }
  return latest
}

export function surveyIds(): string[] {
  return [...new Set(surveyVersions.map((v) => v.id))]
}
