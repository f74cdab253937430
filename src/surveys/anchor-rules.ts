// Two checks on the wording of scale points (fi, sv, en): a point that joins two criteria, and the
// instruction that makes a non-cumulative scale answerable. Used by lint.ts; no Node APIs here.
import { type Language, words } from './vague-words.ts'

// "and" words. Negated joins ("eikä", "nor") are left out on purpose: "neither an interview nor a trial"
// is one criterion (none of them happened), the natural bottom point of a scale.
const CONJUNCTIONS: Record<Language, readonly string[]> = {
  en: ['and'],
  fi: ['ja', 'sekä'],
  sv: ['och', 'samt'],
}

// Words that may stand between the conjunction and the verb without changing the reading.
const SKIPPED: Record<Language, readonly string[]> = {
  en: ['already', 'also', 'then', 'now', 'i', 'we', 'they', 'he', 'she'],
  fi: ['jo', 'myös', 'sitten', 'nyt', 'lisäksi', 'minä', 'me', 'he', 'hän'],
  sv: ['redan', 'också', 'även', 'sedan', 'nu', 'jag', 'vi', 'de', 'han', 'hon'],
}

// Finite verbs that open a second clause after "and". A closed list rather than word endings: in
// Finnish a 1st-person-plural verb and a possessive noun share -mme (tiedämme, yrityksemme), in
// Swedish present tense and plural nouns share -ar/-er (använder, kandidater).
const FINITE_VERBS: Record<Language, readonly string[]> = {
  en: [
    ...['have', 'has', 'had', 'am', 'is', 'are', 'was', 'were', 'will', 'would', 'can', 'could', 'shall'],
    ...['should', 'may', 'might', 'must', 'do', 'does', 'did', 'know', 'knows', 'knew', 'use', 'uses'],
  ],
  fi: [
    ...['olen', 'olet', 'on', 'olemme', 'olette', 'ovat', 'olin', 'oli', 'olimme', 'olivat', 'en', 'et', 'ei'],
    ...['emme', 'ette', 'eivät', 'tiedän', 'tiedämme', 'osaan', 'osaamme', 'voin', 'voimme', 'aion', 'aiomme'],
    ...['käytän', 'käytämme'],
  ],
  sv: [
    ...['har', 'hade', 'är', 'var', 'kan', 'kunde', 'ska', 'skall', 'skulle', 'vill', 'måste', 'vet', 'visste'],
    ...['kommer', 'får', 'fick', 'gör', 'gjorde', 'använder'],
  ],
}

// Auxiliaries of the perfect: "have decided ... and set", "olen päivittänyt ... ja täyttänyt".
const PERFECT_AUXILIARIES: Record<Language, readonly string[]> = {
  en: ['have', 'has', 'had'],
  fi: ['olen', 'olet', 'on', 'olemme', 'olette', 'ovat', 'olin', 'oli', 'olimme', 'olivat'],
  sv: ['har', 'hade'],
}

const IRREGULAR_PARTICIPLES: Record<Language, readonly string[]> = {
  en: [
    ...['set', 'made', 'taken', 'known', 'got', 'gotten', 'sent', 'found', 'chosen', 'written', 'done', 'had'],
    ...['given', 'begun', 'put', 'met', 'told', 'built', 'held', 'kept', 'left', 'paid', 'run', 'seen', 'sold'],
    ...['spent', 'taught', 'thought', 'understood', 'won', 'read', 'brought', 'bought', 'heard', 'become'],
  ],
  fi: [],
  sv: [
    ...['satt', 'fått', 'gått', 'sett', 'gjort', 'haft', 'valt', 'fyllt', 'kört', 'hört', 'lärt', 'ställt'],
    ...['känt', 'tänkt', 'köpt', 'läst', 'sökt', 'ringt', 'bett', 'nått', 'sagt', 'lagt', 'följt', 'byggt'],
  ],
}
// Words that look like a participle or supine but are nouns or adjectives.
const NOT_PARTICIPLES: Record<Language, readonly string[]> = {
  en: ['need', 'speed', 'seed', 'feed', 'bleed', 'hundred', 'kindred'],
  fi: ['minut', 'sinut', 'koneet', 'aineet'],
  sv: ['resultat', 'kandidat', 'mandat', 'format', 'citat', 'certifikat', 'privat', 'separat', 'kredit'],
}
// In English and Swedish a participle can also be an adjective ("and required skills", "och uppdaterat
// cv"); it is read as a verb only when an object, a particle or the end of the text follows it.
const AFTER_VERB: Partial<Record<Language, readonly string[]>> = {
  en: [
    ...['a', 'an', 'the', 'my', 'our', 'your', 'their', 'its', 'this', 'that', 'these', 'those', 'it', 'them'],
    ...['us', 'me', 'him', 'her', 'in', 'on', 'up', 'down', 'out', 'to', 'for', 'with', 'about', 'into'],
    ...['through', 'off', 'over', 'back', 'what', 'which', 'who', 'how', 'when', 'where', 'whether'],
  ],
  sv: [
    ...['en', 'ett', 'den', 'det', 'de', 'i', 'på', 'till', 'med', 'för', 'om', 'ut', 'upp', 'in', 'av'],
    ...['vad', 'vilka', 'vilken', 'hur', 'när', 'var', 'att', 'sig', 'mig', 'oss', 'dem', 'min', 'mitt'],
    ...['mina', 'vår', 'vårt', 'våra', 'sin', 'sitt', 'sina'],
  ],
}

/**
 * A past participle (en), a past active or passive participle (fi: -nut, -llut, -ssut, -neet, -ttu; a single
 * l as in "palvelut", "kulut" is a noun) or a supine (sv).
 */
function isParticiple(tokens: string[], i: number, lang: Language): boolean {
  const word = tokens[i]
  if (NOT_PARTICIPLES[lang].some((w) => word === w || (lang === 'fi' && word.endsWith(w)))) return false
  const shaped =
    IRREGULAR_PARTICIPLES[lang].includes(word) ||
    (lang === 'en' && /^[a-z]{3,}ed$/.test(word)) ||
    (lang === 'fi' &&
      /^\p{L}{2,}(nut|nyt|neet|llut|llyt|lleet|ssut|ssyt|sseet|rrut|rryt|rreet|ttu|tty)$/u.test(word)) ||
    (lang === 'sv' && /^\p{L}{3,}(at|it)$/u.test(word))
  const after = AFTER_VERB[lang]
  return shaped && (!after || i + 1 === tokens.length || after.includes(tokens[i + 1]))
}

const skip = (tokens: string[], from: number, lang: Language) => {
  let i = from
  while (i < tokens.length && SKIPPED[lang].includes(tokens[i])) i++
  return i
}

/**
 * The conjunction that joins two criteria in one scale point, or null. A point joins two criteria when
 * "and" (fi "ja", "sekä"; sv "och", "samt") starts a second clause, i.e. is followed (after adverbs such
 * as "already" and a subject pronoun) by a finite verb ("...and know what they cost"), or continues a
 * perfect with a second participle ("have decided to recruit and set a target date"). A list of things
 * that one verb governs ("written down the tasks, the working hours and the skills") is one criterion.
 */
export function joinedCriteria(text: string, lang: Language): string | null {
  const tokens = words(text)
  let perfectSeen = false
  for (let i = 0; i < tokens.length; i++) {
    const next = skip(tokens, i + 1, lang)
    if (PERFECT_AUXILIARIES[lang].includes(tokens[i]) && next < tokens.length && isParticiple(tokens, next, lang)) {
      perfectSeen = true
    }
    if (i === 0 || !CONJUNCTIONS[lang].includes(tokens[i]) || next >= tokens.length) continue
    const verb = tokens[next]
    if (FINITE_VERBS[lang].includes(verb) || (perfectSeen && isParticiple(tokens, next, lang))) {
      return `${tokens[i]} ${tokens.slice(i + 1, next + 1).join(' ')}`
    }
  }
  return null
}

// "Choose the last statement that is true", with up to three words between the verb and the rest
// ("For each question, choose ...", "Valitse kussakin kysymyksessä viimeinen väite, joka pitää paikkansa").
const LAST_TRUE: Record<Language, RegExp> = {
  en: /(?:^| )(?:choose|select|pick)(?: \S+){0,3}? the last (?:statement|option) that (?:is true|applies)/,
  fi: /(?:^| )valitse(?: \S+){0,3}? (?:viimeinen (?:väite|vaihtoehto) joka pitää paikkansa|viimeinen paikkansa ?pitävä (?:väite|vaihtoehto))/,
  sv: /(?:^| )välj(?: \S+){0,3}? det sista (?:påståendet|alternativet) som (?:stämmer|är sant)/,
}

/** Whether the text tells the respondent to choose the last statement that is true. */
export function hasLastTrueInstruction(text: string, lang: Language): boolean {
  return LAST_TRUE[lang].test(words(text).join(' '))
}

// "But" clauses say that something has not happened yet ("we discussed it, but nothing was written
// down"), which a higher point of a cumulative scale contradicts.
const CONTRAST: Record<Language, readonly string[]> = {
  en: ['but'],
  fi: ['mutta', 'muttei', 'mutten'],
  sv: ['men'],
}

/** The contrast word ("but", "mutta", "men") in the text, or null. */
export function contrastIn(text: string, lang: Language): string | null {
  return words(text).find((w) => CONTRAST[lang].includes(w)) ?? null
}
