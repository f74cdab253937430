/**
 * A phone number in E.164 form (`+358401234567`), or null when it cannot be one. Spaces, dashes, dots,
 * slashes and brackets are dropped; `00` starts an international number; a national number with a
 * trunk 0 (`040 123 4567`, `(09) 123 4567`) is taken to be in the default country, Finland (358); the
 * trunk 0 written after a country code (`+358 (0)40 ...`, `+358 040 ...`) is dropped. A number without
 * either prefix is ambiguous and refused. E.164 allows at most 15 digits; fewer than 8 is no phone.
 */
export function toE164(raw: string, countryCode = '358'): string | null {
  let s = raw
    .trim()
    .replace(/\(0\)/g, '')
    .replace(/[\s().\-/]/g, '')
  if (s.startsWith('00')) s = `+${s.slice(2)}`
  else if (s.startsWith('0')) s = `+${countryCode}${s.slice(1)}`
  if (!/^\+[1-9]\d*$/.test(s)) return null
  if (s.startsWith(`+${countryCode}0`)) s = `+${countryCode}${s.slice(countryCode.length + 2)}`
  const digits = s.length - 1
  return digits >= 8 && digits <= 15 ? s : null
}
