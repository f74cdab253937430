// The dashboards' own dictionaries (public/app/lang), so that a walk written with the Finnish texts can
// be run in Swedish and English: each Finnish text is looked up by value and its key read in the other
// language. A text that is missing, or whose keys disagree in the other language, fails the walk.
import type { Language } from './api.ts'

const LANGUAGES: Language[] = ['fi', 'sv', 'en']
const load = async (file: string) =>
  (await import(`../../public/app/lang/${file}.js`)).default as Record<string, unknown>
const dictionaries = Object.fromEntries(
  await Promise.all(
    LANGUAGES.map(
      async (l) =>
        [
          l,
          {
            ...(await load(l)),
            ...(await load(`editor-${l}`)),
            ...(await load(`fees-${l}`)),
            ...(await load(`procurer-${l}`)),
            ...(await load(`surveys-${l}`)),
          },
        ] as const,
    ),
  ),
) as Record<Language, Record<string, unknown>>

/** The dashboards' text in `lang` for the Finnish text `fi` (of the key `key`, where two keys share it). */
export function inLanguage(lang: Language, fi: string, key?: string): string {
  const keys = key ? [key] : Object.keys(dictionaries.fi).filter((k) => dictionaries.fi[k] === fi)
  if (key && dictionaries.fi[key] !== fi) throw new Error(`"${key}" is not "${fi}" in fi`)
  const found = [...new Set(keys.map((k) => dictionaries[lang][k]))]
  if (found.length !== 1 || typeof found[0] !== 'string')
    throw new Error(`"${fi}": ${keys.length} key(s) with ${found.length} text(s) in ${lang}`)
  return found[0]
}
