// The columns of the procurer's response export (src/app/export-responses.ts) that are not a question's: the
// linter refuses a question name that would take one of them, so every column of a row has one meaning.

/** The columns before the answers, in order. */
export const EXPORT_FIXED_COLUMNS: readonly string[] = [
  'response',
  'wave',
  'survey_id',
  'survey_version',
  'language',
  'completed_on',
  'provider_id',
  'provider_name',
  'service_type',
  'customer_type',
]

/** Each question's answer code is followed by its label in the export's language: `<name>_label`. */
export const LABEL_SUFFIX = '_label'
