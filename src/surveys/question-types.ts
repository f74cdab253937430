// The question types the respondent's page can show: shared by the schema that refuses a draft and the linter,
// in a module of its own so the schemas do not pull in survey-core (loaded only by the routes that need it).
export const ALLOWED_TYPES: readonly string[] = ['rating', 'radiogroup', 'boolean', 'comment', 'text']
