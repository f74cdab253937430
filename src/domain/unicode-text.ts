// Text that identifies something (a client reference, a name) must look like exactly one thing.
// Unicode offers many ways to write look-alikes: invisible format characters (zero-width space,
// bidirectional overrides), other spaces, compatibility forms (full-width letters) and letters from
// another script (Cyrillic А for Latin A). See Unicode TR #36 "Security Considerations" and UTS #39
// "Security Mechanisms" (mixed-script detection); NFKC is UAX #15.

/** NFKC folds compatibility forms (full-width, ligatures) into their ordinary letters; ends are trimmed. */
export const normaliseText = (s: string): string => s.normalize('NFKC').trim()

/** What two references are compared by: the normal form, case-folded. */
export const referenceKey = (s: string): string => normaliseText(s).toLowerCase()

const hidden = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\u2028\u2029]/u
const otherSpace = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/u
const letter = /\p{L}/u
const scripts = ['Latin', 'Cyrillic', 'Greek', 'Armenian', 'Georgian', 'Cherokee'] as const
const scriptTests = scripts.map((name) => [name, new RegExp(`\\p{Script=${name}}`, 'u')] as const)

/** Why a name is refused: characters that are invisible or change the direction of the text. */
export function hiddenCharacterProblem(s: string): string | null {
  if (hidden.test(s)) return 'must not contain invisible, control or direction characters'
  return null
}

/**
 * Why a reference is refused: anything a name refuses, any space but the ordinary one (a no-break space
 * looks the same), and letters of two scripts that look alike (RT-А-003 with a Cyrillic А).
 */
export function referenceProblem(s: string): string | null {
  const hiddenProblem = hiddenCharacterProblem(s)
  if (hiddenProblem) return hiddenProblem
  if (otherSpace.test(s)) return 'must not contain spaces other than the ordinary space'
  const used = new Set<string>()
  for (const ch of s) {
    if (!letter.test(ch)) continue
    for (const [name, test] of scriptTests) if (test.test(ch)) used.add(name)
  }
  if (used.size > 1) return `must not mix letters of different scripts (${[...used].join(' and ')})`
  return null
}
