// C0 control characters and DEL (U+0000-U+001F, U+007F), except tab, line feed and carriage return.
// \p{Cc} also covers the C1 range U+0080-U+009F, which is not refused.
const CONTROL_CHARACTER = /(?![\t\n\r\u0080-\u009f])\p{Cc}/u

/**
 * Why a piece of free text is refused, or null. Names, references and comments are plain text: markup
 * would be a trap for any page or export that forgot to escape it, a leading formula character makes a
 * spreadsheet run the cell, and chained SQL has no place in a name. Exports neutralise formulas too.
 */
export function plainTextProblem(s: string, kind: 'field' | 'answer'): string | null {
  if (CONTROL_CHARACTER.test(s)) return 'must not contain control characters'
  if (kind === 'field' && /[\t\n\r]/.test(s)) return 'must be on one line'
  if (/<[a-zA-Z!/?]/.test(s)) return 'must be plain text, without HTML tags'
  // A comment may well start with "-" or "+" ("- slow replies", "+1"); a field never does.
  if ((kind === 'field' ? /^\s*[=+\-@]/ : /^\s*[=@]/).test(s))
    return 'must not start with a spreadsheet formula character (= + - @)'
  if (/;\s*(drop|delete|insert|update|alter|create|attach|pragma)\b/i.test(s)) return 'must not contain SQL statements'
  return null
}
