// Word lists (fi, sv, en) that decide whether a scale label is a concrete anchor, and the few
// functions that apply them. Lists are lower case; phrases are matched as whole words.

export type Language = 'fi' | 'sv' | 'en'
export const LANGUAGES: readonly Language[] = ['fi', 'sv', 'en']

// Degree words: they say "how much" without saying what happened, so two respondents
// read them differently ("influenced a lot" vs "influenced somewhat").
export const VAGUE_QUANTIFIERS: Record<Language, readonly string[]> = {
  en: [
    'somewhat',
    'quite',
    'fairly',
    'rather',
    'a little',
    'a bit',
    'a lot',
    'lots',
    'very',
    'moderately',
    'slightly',
    'to some extent',
    'to a certain extent',
    'to a great extent',
    'to a large extent',
    'to a small extent',
    'to a limited extent',
    'partly',
    'partially',
    'largely',
    'mostly',
    'completely',
    'fully',
    'totally',
    'entirely',
    'not at all',
    'highly',
    'extremely',
    'greatly',
    'considerably',
    'significantly',
    'hardly',
    'barely',
    'a great deal',
    'much',
    'little',
    'some',
    'pretty',
    'really',
    'great',
    'big',
    'large',
    'small',
    'minor',
    'major',
    'significant',
    'considerable',
    'moderate',
    'slight',
  ],
  fi: [
    'jonkin verran',
    'jonkun verran',
    'melko',
    'melkoisesti',
    'aika',
    'aika lailla',
    'hieman',
    'hiukan',
    'vähän',
    'paljon',
    'erittäin',
    'kohtalaisesti',
    'kohtalainen',
    'kohtalaista',
    'jossain määrin',
    'jossakin määrin',
    'osittain',
    'täysin',
    'hyvin',
    'todella',
    'tosi',
    'lainkaan',
    'ollenkaan',
    'suuresti',
    'merkittävästi',
    'huomattavasti',
    'runsaasti',
    'kovin',
    'varsin',
    'suhteellisen',
    'äärimmäisen',
    'suurelta osin',
    'pieneltä osin',
    'vähäinen',
    'vähäistä',
    'suuri',
    'suurta',
    'pieni',
    'pientä',
    'merkittävä',
    'merkittävää',
    'huomattava',
    'huomattavaa',
  ],
  sv: [
    'i viss mån',
    'i någon mån',
    'ganska',
    'något',
    'lite',
    'lite grann',
    'mycket',
    'måttligt',
    'i hög grad',
    'i låg grad',
    'i liten grad',
    'i stor grad',
    'i mycket hög grad',
    'delvis',
    'helt',
    'inte alls',
    'väldigt',
    'relativt',
    'tämligen',
    'en del',
    'rätt så',
    'aningen',
    'knappt',
    'starkt',
    'mer eller mindre',
    'betydligt',
    'avsevärt',
    'stor',
    'stort',
    'liten',
    'litet',
    'betydande',
    'viss',
  ],
}

// "Cannot say" / "not applicable" style answers: they belong in showDontKnowItem, never on the scale.
export const CANNOT_SAY_PHRASES: Record<Language, readonly string[]> = {
  en: [
    'cannot say',
    "can't say",
    'can not say',
    "don't know",
    'do not know',
    'not applicable',
    'n/a',
    'does not apply',
    "doesn't apply",
    'no opinion',
    'not sure',
    'prefer not to say',
    'cannot answer',
    "can't answer",
    'unsure',
  ],
  fi: [
    'en osaa sanoa',
    'eos',
    'ei koske',
    'en tiedä',
    'ei sovellu',
    'ei mielipidettä',
    'en halua sanoa',
    'en osaa vastata',
    'ei tietoa',
  ],
  sv: [
    'kan inte säga',
    'kan ej säga',
    'vet inte',
    'ej tillämplig',
    'ej tillämpligt',
    'inte tillämplig',
    'inte tillämpligt',
    'ingen åsikt',
    'berör inte',
    'gäller inte',
    'kan inte svara',
    'osäker',
  ],
}

// Function words: they carry no description of what happened.
export const FUNCTION_WORDS: Record<Language, readonly string[]> = {
  en: [
    'a',
    'an',
    'the',
    'and',
    'or',
    'but',
    'nor',
    'of',
    'to',
    'in',
    'on',
    'at',
    'for',
    'with',
    'by',
    'from',
    'as',
    'about',
    'into',
    'it',
    "it's",
    'its',
    'this',
    'that',
    'these',
    'those',
    'there',
    'i',
    'we',
    'you',
    'he',
    'she',
    'they',
    'me',
    'us',
    'my',
    'our',
    'your',
    'their',
    'is',
    'are',
    'was',
    'were',
    'be',
    'been',
    'being',
    'has',
    'have',
    'had',
    'do',
    'does',
    'did',
    'not',
    'no',
    'so',
    'than',
    'then',
    'which',
    'what',
    'who',
    'how',
    'will',
    'would',
    'can',
    'could',
    'should',
    'may',
    'might',
    'service',
    'services',
    'provider',
    'company',
  ],
  fi: [
    'ja',
    'tai',
    'sekä',
    'mutta',
    'ei',
    'en',
    'emme',
    'et',
    'ette',
    'eivät',
    'on',
    'oli',
    'olen',
    'olemme',
    'ole',
    'ollut',
    'olivat',
    'ovat',
    'se',
    'sen',
    'siitä',
    'sitä',
    'siihen',
    'tämä',
    'tämän',
    'tästä',
    'minä',
    'me',
    'minulla',
    'meillä',
    'minun',
    'meidän',
    'minua',
    'meitä',
    'minulle',
    'meille',
    'sinä',
    'he',
    'hän',
    'jo',
    'myös',
    'kuin',
    'niin',
    'että',
    'kun',
    'jos',
    'mitään',
    'palvelu',
    'palvelun',
    'palvelusta',
    'palvelua',
    'palvelulla',
    'palveluntuottaja',
    'yritys',
    'yrityksen',
    'yritystä',
    'yritykselle',
    'yrityksellemme',
  ],
  sv: [
    'och',
    'eller',
    'men',
    'inte',
    'ej',
    'är',
    'var',
    'varit',
    'har',
    'hade',
    'att',
    'det',
    'den',
    'de',
    'en',
    'ett',
    'i',
    'på',
    'av',
    'för',
    'med',
    'till',
    'om',
    'som',
    'från',
    'jag',
    'vi',
    'du',
    'han',
    'hon',
    'mig',
    'oss',
    'min',
    'mitt',
    'mina',
    'vår',
    'vårt',
    'våra',
    'sig',
    'så',
    'än',
    'tjänsten',
    'tjänst',
    'leverantören',
    'företaget',
    'företag',
  ],
}

// Word beginnings of generic evaluations ("helped", "useful", "influenced"): they say that
// something was good, not what happened, so they do not make a label concrete either.
export const EVALUATIVE_STEMS: Record<Language, readonly string[]> = {
  en: [
    'influenc',
    'affect',
    'impact',
    'effect',
    'help',
    'useful',
    'usefulness',
    'benefi',
    'valu',
    'good',
    'bad',
    'poor',
    'positive',
    'negative',
    'satisf',
    'improv',
    'contribut',
    'support',
  ],
  fi: [
    'vaikut',
    'hyöd',
    'hyöty',
    'autto',
    'autta',
    'apu',
    'avu',
    'hyvä',
    'huono',
    'myönteis',
    'kielteis',
    'tyytyv',
    'paran',
    'edist',
    'tuk',
  ],
  sv: [
    'påverk',
    'nytta',
    'nyttig',
    'hjälp',
    'användbar',
    'bra',
    'dålig',
    'positiv',
    'negativ',
    'nöjd',
    'förbättr',
    'effekt',
    'inverk',
    'bidr',
    'stöd',
  ],
}

// A label containing a vague quantifier must still have at least this many concrete words.
export const MIN_CONCRETE_WORDS = 3

export function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .split(/[^\p{L}\p{N}'/]+/u)
    .flatMap((w) => (w === 'n/a' ? [w] : w.split('/')))
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter((w) => w !== '')
}

type Match = { phrase: string; start: number; end: number }

// Whole-word occurrences of the phrases, longest phrase first, not overlapping.
function findPhrases(tokens: string[], phrases: readonly string[]): Match[] {
  const sorted = phrases.map((p) => ({ phrase: p, parts: words(p) })).sort((a, b) => b.parts.length - a.parts.length)
  const used = new Array<boolean>(tokens.length).fill(false)
  const found: Match[] = []
  for (const { phrase, parts } of sorted) {
    for (let i = 0; i + parts.length <= tokens.length; i++) {
      let hit = true
      for (let j = 0; j < parts.length && hit; j++) hit = !used[i + j] && tokens[i + j] === parts[j]
      if (!hit) continue
      for (let j = 0; j < parts.length; j++) used[i + j] = true
      found.push({ phrase, start: i, end: i + parts.length })
    }
  }
  return found.sort((a, b) => a.start - b.start)
}

export function vagueQuantifiersIn(text: string, lang: Language): string[] {
  return findPhrases(words(text), VAGUE_QUANTIFIERS[lang]).map((m) => m.phrase)
}

/**
 * The words of a label that describe something concrete. A word is concrete when it is
 * (a) not part of a vague quantifier, (b) not a function word of the language, and
 * (c) not a generic evaluation (does not begin with an EVALUATIVE_STEMS entry).
 * Numbers count as concrete words ("3-5 applications").
 */
export function concreteWords(text: string, lang: Language): string[] {
  const tokens = words(text)
  const vague = new Array<boolean>(tokens.length).fill(false)
  for (const m of findPhrases(tokens, VAGUE_QUANTIFIERS[lang])) for (let i = m.start; i < m.end; i++) vague[i] = true
  const functionWords = new Set(FUNCTION_WORDS[lang])
  return tokens.filter(
    (w, i) => !vague[i] && !functionWords.has(w) && !EVALUATIVE_STEMS[lang].some((stem) => w.startsWith(stem)),
  )
}

/**
 * A label is a vague anchor when it contains a vague quantifier AND has no concrete
 * description, i.e. fewer than MIN_CONCRETE_WORDS concrete words (see concreteWords).
 * "Influenced a lot" and "Very useful" are refused; "We changed a lot of our recruitment
 * plan" keeps "changed recruitment plan" and is accepted.
 */
export function isVagueAnchor(text: string, lang: Language): boolean {
  return vagueQuantifiersIn(text, lang).length > 0 && concreteWords(text, lang).length < MIN_CONCRETE_WORDS
}

// The first "cannot say"-style phrase found in the text, looking in every language's list.
export function cannotSayPhraseIn(text: string): string | null {
  const tokens = words(text)
  for (const lang of LANGUAGES) {
    const found = findPhrases(tokens, CANNOT_SAY_PHRASES[lang])
    if (found.length > 0) return found[0].phrase
  }
  return null
}
