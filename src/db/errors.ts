/** SQLite's unique-constraint failure as D1 reports it: the one place that reads error text for it. */
export function isUniqueViolation(err: unknown): boolean {
  return /UNIQUE constraint failed/i.test(String(err instanceof Error ? `${err.message} ${err.cause ?? ''}` : err))
}
