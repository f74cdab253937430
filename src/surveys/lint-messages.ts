// The linter's messages in fi, sv and en: one entry per message, each a template per language taking the
// same parameters, so a finding is built once and read in the procurer's language. No Node APIs here.
import type { Language } from './vague-words.ts'

export type Localised = Record<Language, string>

type Params = Record<string, string | number>
type Template<P extends Params> = Record<Language, (p: P) => string>

const q = (s: string | number) => `"${s}"`

const table = {
  notASurvey: {
    en: () => 'the definition is not a JSON object',
    fi: () => 'määrittely ei ole JSON-olio',
    sv: () => 'definitionen är inte ett JSON-objekt',
  },
  surveyCoreCrash: {
    en: (p: { error: string }) => `survey-core's linter failed: ${p.error}`,
    fi: (p: { error: string }) => `survey-coren tarkistin kaatui: ${p.error}`,
    sv: (p: { error: string }) => `survey-cores kontroll misslyckades: ${p.error}`,
  },
  surveyCore: {
    en: (p: { message: string }) => p.message,
    fi: (p: { message: string }) => `SurveyJS-tarkistus: ${p.message}`,
    sv: (p: { message: string }) => `SurveyJS-kontroll: ${p.message}`,
  },
  notBoolean: {
    en: (p: { key: string }) => `${q(p.key)} must be true or false`,
    fi: (p: { key: string }) => `${q(p.key)} on oltava true tai false`,
    sv: (p: { key: string }) => `${q(p.key)} måste vara true eller false`,
  },
  noType: {
    en: () => 'element has no "type"',
    fi: () => 'elementiltä puuttuu "type"',
    sv: () => 'elementet saknar "type"',
  },
  typeNotAllowed: {
    en: (p: { type: string; allowed: string }) => `question type ${q(p.type)} is not allowed (allowed: ${p.allowed})`,
    fi: (p: { type: string; allowed: string }) => `kysymystyyppiä ${q(p.type)} ei voi käyttää (sallitut: ${p.allowed})`,
    sv: (p: { type: string; allowed: string }) => `frågetypen ${q(p.type)} är inte tillåten (tillåtna: ${p.allowed})`,
  },
  scoredNotRadiogroup: {
    en: (p: { type: string }) => `a scored item must be a radiogroup, not ${q(p.type)}`,
    fi: (p: { type: string }) => `pisteytettävän kysymyksen on oltava radiogroup, ei ${q(p.type)}`,
    sv: (p: { type: string }) => `en poängsatt fråga måste vara radiogroup, inte ${q(p.type)}`,
  },
  scalePoints: {
    en: (p: { found: number }) => `a scored item needs 4 or 5 scale points as "choices", found ${p.found}`,
    fi: (p: { found: number }) =>
      `pisteytettävällä kysymyksellä on oltava 4 tai 5 asteikon kohtaa ("choices"), nyt ${p.found}`,
    sv: (p: { found: number }) => `en poängsatt fråga behöver 4 eller 5 skalsteg som "choices", nu ${p.found}`,
  },
  scaleAltering: {
    en: (p: { key: string }) => `${q(p.key)} would change the scale of a scored item`,
    fi: (p: { key: string }) => `${q(p.key)} muuttaisi pisteytettävän kysymyksen asteikkoa`,
    sv: (p: { key: string }) => `${q(p.key)} skulle ändra skalan i en poängsatt fråga`,
  },
  answerAltering: {
    en: (p: { key: string }) =>
      `${q(p.key)} could hide, fill in or change a scored item's answer: a scored item is always shown, answerable and empty until the respondent answers it`,
    fi: (p: { key: string }) =>
      `${q(p.key)} voisi piilottaa, täyttää tai muuttaa pisteytettävän kysymyksen vastauksen: pisteytettävä kysymys näytetään aina, siihen voi vastata ja se on tyhjä, kunnes vastaaja vastaa`,
    sv: (p: { key: string }) =>
      `${q(p.key)} kunde dölja, fylla i eller ändra svaret på en poängsatt fråga: en poängsatt fråga visas alltid, går att besvara och är tom tills respondenten svarar`,
  },
  answerTriggered: {
    en: (p: { trigger: string; at: string }) =>
      `the survey trigger ${p.at} (${q(p.trigger)}) sets this scored item's answer`,
    fi: (p: { trigger: string; at: string }) =>
      `kyselyn käynnistin ${p.at} (${q(p.trigger)}) asettaa tämän pisteytettävän kysymyksen vastauksen`,
    sv: (p: { trigger: string; at: string }) =>
      `enkätens utlösare ${p.at} (${q(p.trigger)}) sätter svaret på den här poängsatta frågan`,
  },
  containerHidden: {
    en: (p: { key: string; container: string }) =>
      `${q(p.key)} on ${p.container}, which holds this scored item, could hide it from some respondents`,
    fi: (p: { key: string; container: string }) =>
      `${q(p.key)} kohdassa ${p.container}, jossa tämä pisteytettävä kysymys on, voisi piilottaa sen osalta vastaajista`,
    sv: (p: { key: string; container: string }) =>
      `${q(p.key)} på ${p.container}, som innehåller den här poängsatta frågan, kunde dölja den för en del respondenter`,
  },
  choicesOrder: {
    en: () => 'scale points must be shown in their written order ("choicesOrder": "none")',
    fi: () => 'asteikon kohdat on näytettävä kirjoitetussa järjestyksessä ("choicesOrder": "none")',
    sv: () => 'skalstegen ska visas i den ordning de är skrivna ("choicesOrder": "none")',
  },
  scaleReversed: {
    en: () => 'scale runs from most to least positive; order choices least positive first with values 1..K',
    fi: () => 'asteikko etenee myönteisimmästä kielteisimpään; järjestä kielteisin ensin arvoin 1..K',
    sv: () => 'skalan går från mest till minst positiv; ordna minst positiv först med värdena 1..K',
  },
  scaleValues: {
    en: (p: { count: number; found: string }) =>
      `choice values must be the integers 1..${p.count} in order (least positive first), found ${p.found}`,
    fi: (p: { count: number; found: string }) =>
      `vaihtoehtojen arvojen on oltava kokonaisluvut 1..${p.count} järjestyksessä (kielteisin ensin), nyt ${p.found}`,
    sv: (p: { count: number; found: string }) =>
      `svarsalternativens värden måste vara heltalen 1..${p.count} i ordning (minst positiv först), nu ${p.found}`,
  },
  cannotSayInScale: {
    en: (p: { text: string; phrase: string }) =>
      `${q(p.text)} looks like a "cannot say" answer (${q(p.phrase)}); use "showDontKnowItem": true with "dontKnowText" instead of a scale point`,
    fi: (p: { text: string; phrase: string }) =>
      `${q(p.text)} näyttää "en osaa sanoa" -vastaukselta (${q(p.phrase)}); käytä asteikon kohdan sijaan asetusta "showDontKnowItem": true ja tekstiä "dontKnowText"`,
    sv: (p: { text: string; phrase: string }) =>
      `${q(p.text)} ser ut som ett "kan inte säga"-svar (${q(p.phrase)}); använd "showDontKnowItem": true med "dontKnowText" i stället för ett skalsteg`,
  },
  noCannotSayOption: {
    en: () =>
      'scored item has no "cannot say" option ("showDontKnowItem": true); respondents it does not apply to must guess',
    fi: () =>
      'pisteytettävältä kysymykseltä puuttuu "en osaa sanoa" -vaihtoehto ("showDontKnowItem": true); vastaaja, jota kysymys ei koske, joutuu arvaamaan',
    sv: () =>
      'den poängsatta frågan saknar alternativet "kan inte säga" ("showDontKnowItem": true); den som frågan inte gäller måste gissa',
  },
  joinedCriteria: {
    en: (p: { text: string; joined: string }) =>
      `${q(p.text)} joins two criteria (${q(p.joined)}); a respondent for whom only one is true has no point to choose. Make them two points of the scale, or keep one`,
    fi: (p: { text: string; joined: string }) =>
      `${q(p.text)} yhdistää kaksi ehtoa (${q(p.joined)}); vastaaja, jonka kohdalla vain toinen pitää paikkansa, ei voi valita mitään kohtaa. Tee niistä kaksi asteikon kohtaa tai jätä toinen pois`,
    sv: (p: { text: string; joined: string }) =>
      `${q(p.text)} förenar två kriterier (${q(p.joined)}); den för vilken bara det ena stämmer har inget steg att välja. Gör dem till två skalsteg eller behåll ett`,
  },
  notCumulativePoint: {
    en: (p: { text: string; word: string }) =>
      `${q(p.text)} says something has not happened (${q(p.word)}), so it is false once a higher point is true; a scale declared "cumulative" needs points that stay true below the chosen one`,
    fi: (p: { text: string; word: string }) =>
      `${q(p.text)} sanoo, ettei jotain ole tapahtunut (${q(p.word)}), joten se ei pidä paikkaansa, kun ylempi kohta pitää; "cumulative"-asteikon kohtien on pysyttävä tosina valitun alapuolella`,
    sv: (p: { text: string; word: string }) =>
      `${q(p.text)} säger att något inte har hänt (${q(p.word)}), så det är falskt när ett högre steg stämmer; en skala märkt "cumulative" behöver steg som förblir sanna under det valda`,
  },
  noLastTrueInstruction: {
    en: (p: { languages: string }) =>
      `the scale is not declared "cumulative": true (each point implies the ones below it) and the question or its page does not say "choose the last statement that is true" in ${p.languages}; a respondent for whom two points are true cannot tell which to choose`,
    fi: (p: { languages: string }) =>
      `asteikkoa ei ole merkitty "cumulative": true (jokainen kohta sisältää alemmat), eikä kysymys tai sen sivu sano "valitse viimeinen väite, joka pitää paikkansa" kielillä ${p.languages}; vastaaja, jonka kohdalla kaksi kohtaa pitää paikkansa, ei tiedä kumman valita`,
    sv: (p: { languages: string }) =>
      `skalan är inte märkt "cumulative": true (varje steg innefattar de lägre) och frågan eller dess sida säger inte "välj det sista påståendet som stämmer" på ${p.languages}; den för vilken två steg stämmer vet inte vilket den ska välja`,
  },
  unlabelledPoint: {
    en: (p: { value: string }) => `point ${p.value} has no label; respondents would see the bare value`,
    fi: (p: { value: string }) => `kohdalla ${p.value} ei ole tekstiä; vastaaja näkisi pelkän arvon`,
    sv: (p: { value: string }) => `steget ${p.value} saknar text; svararen skulle se bara värdet`,
  },
  duplicateLabel: {
    en: (p: { text: string; other: string }) => `${q(p.text)} is also the label of ${p.other}`,
    fi: (p: { text: string; other: string }) => `${q(p.text)} on myös kohdan ${p.other} teksti`,
    sv: (p: { text: string; other: string }) => `${q(p.text)} är också texten för ${p.other}`,
  },
  vagueAnchor: {
    en: (p: { text: string; quantifiers: string; concrete: number; need: number }) =>
      `${q(p.text)} uses the vague quantifier "${p.quantifiers}" without a concrete description (${p.concrete} concrete word(s), need ${p.need}); say what happened or what the respondent can now do`,
    fi: (p: { text: string; quantifiers: string; concrete: number; need: number }) =>
      `${q(p.text)} käyttää epämääräistä määrän ilmausta "${p.quantifiers}" kuvaamatta mitään konkreettista (${p.concrete} konkreettista sanaa, vähintään ${p.need}); kerro, mitä tapahtui tai mitä vastaaja nyt osaa`,
    sv: (p: { text: string; quantifiers: string; concrete: number; need: number }) =>
      `${q(p.text)} använder det vaga uttrycket "${p.quantifiers}" utan konkret beskrivning (${p.concrete} konkreta ord, minst ${p.need}); säg vad som hände eller vad svararen nu kan göra`,
  },
  noTitle: {
    en: (p: { languages: string }) => `question has no title in ${p.languages}; respondents would see its name`,
    fi: (p: { languages: string }) =>
      `kysymyksellä ei ole otsikkoa kielillä ${p.languages}; vastaaja näkisi sen tunnisteen`,
    sv: (p: { languages: string }) => `frågan saknar rubrik på ${p.languages}; svararen skulle se dess namn`,
  },
  noDontKnowText: {
    en: (p: { languages: string }) => `"cannot say" option has no dontKnowText in ${p.languages}`,
    fi: (p: { languages: string }) =>
      `"en osaa sanoa" -vaihtoehdolla ei ole tekstiä (dontKnowText) kielillä ${p.languages}`,
    sv: (p: { languages: string }) => `alternativet "kan inte säga" saknar dontKnowText på ${p.languages}`,
  },
  plainString: {
    en: (p: { shape: string }) => `is a plain string; give it as {${p.shape}}`,
    fi: (p: { shape: string }) => `on pelkkä merkkijono; anna se muodossa {${p.shape}}`,
    sv: (p: { shape: string }) => `är en enkel sträng; ange den som {${p.shape}}`,
  },
  missingLanguage: {
    en: (p: { lang: string }) => `text missing in ${q(p.lang)}`,
    fi: (p: { lang: string }) => `teksti puuttuu kieleltä ${q(p.lang)}`,
    sv: (p: { lang: string }) => `texten saknas på ${q(p.lang)}`,
  },
  fixedColumnName: {
    en: (p: { name: string; columns: string }) =>
      `question name ${q(p.name)} is a fixed column of the response export (${p.columns}); choose another name`,
    fi: (p: { name: string; columns: string }) =>
      `kysymyksen nimi ${q(p.name)} on vastausviennin kiinteä sarake (${p.columns}); valitse toinen nimi`,
    sv: (p: { name: string; columns: string }) =>
      `frågenamnet ${q(p.name)} är en fast kolumn i svarsexporten (${p.columns}); välj ett annat namn`,
  },
  labelColumnName: {
    en: (p: { name: string; stem: string }) =>
      `question name ${q(p.name)} is the label column of question ${q(p.stem)} in the response export; choose another name`,
    fi: (p: { name: string; stem: string }) =>
      `kysymyksen nimi ${q(p.name)} on kysymyksen ${q(p.stem)} selitesarake vastausviennissä; valitse toinen nimi`,
    sv: (p: { name: string; stem: string }) =>
      `frågenamnet ${q(p.name)} är etikettkolumnen för frågan ${q(p.stem)} i svarsexporten; välj ett annat namn`,
  },
} satisfies Record<string, Template<never>>

export type MessageKey = keyof typeof table
export type MessageParams<K extends MessageKey> = Parameters<(typeof table)[K]['en']>[0]

/** The message in every language, from one set of parameters. */
export function localise<K extends MessageKey>(
  key: K,
  ...[params]: MessageParams<K> extends undefined ? [] : [MessageParams<K>]
): Localised {
  const t = table[key] as unknown as Template<Params>
  const p = (params ?? {}) as Params
  return { fi: t.fi(p), sv: t.sv(p), en: t.en(p) }
}
