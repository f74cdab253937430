/** One rule a request or an input file breaks: where (`episodes[3].endedOn`, empty for the whole) and what. */
export type FieldIssue = { path: string; message: string }
