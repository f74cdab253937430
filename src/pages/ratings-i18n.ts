import type { Language } from '../schemas/common.ts'

const fi = {
  title: (programme: string) => `Palveluntuottajien arviot: ${programme}`,
  intro:
    'Palvelun saaneet asiakkaat arvioivat palvelun henkilökohtaisella kyselyllä. Vertaa palveluntuottajia ennen kuin valitset.',
  period: (from: string, to: string) => `Palvelut, jotka päättyivät ${from} – ${to}`,
  provider: 'Palveluntuottaja',
  stars: 'Tähdet',
  starsOf: (s: number) => `${s} / 5 tähteä`,
  shrunk: 'Painotettu indeksi',
  answers: 'Vastauksia',
  interval: '95 %:n luottamusväli',
  shrunkInterval: 'Painotetun indeksin 95 %:n luottamusväli',
  weightedExplained:
    'Painotettu indeksi on palveluntuottajan vastausten keskiarvo painotettuna kohti ohjelman keskiarvoa, koska vastauksia on vähän. Tähdet ja luottamusväli taulukossa ovat painotetun indeksin.',
  rawFigure: (mean: string, lo: string | null, hi: string | null) =>
    lo === null
      ? `Painottamaton keskiarvo ${mean}`
      : `Painottamaton keskiarvo ${mean} (95 %:n luottamusväli ${lo} – ${hi})`,
  rate: 'Vastausprosentti',
  note: 'Huomio',
  periodLabel: 'Ajanjakso',
  providerCustodyTitle: 'Palveluntuottajat jakoivat kyselylinkit.',
  providerCustody:
    'Tässä ohjelmassa asiakkaat saivat kyselylinkkinsä palveluntuottajalta eivätkä suoraan Laadulta. Tuottaja olisi voinut vaikuttaa siihen, kuka vastasi.',
  periodLast12: 'Viimeiset 12 kokonaista kuukautta',
  periodShow: 'Näytä',
  tooFew: (min: number) => `Liian vähän vastauksia (alle ${min})`,
  caution: 'Vähän vastauksia: tulkitse varoen',
  above: 'Ohjelman keskiarvoa parempi',
  below: 'Ohjelman keskiarvoa heikompi',
  same: 'Ei eroa ohjelman keskiarvosta',
  chartTitle: 'Painotettu laatuindeksi (0–100) palveluntuottajittain',
  methodTitle: 'Miten arviot lasketaan',
  method: [
    'Jokainen asiakas saa yhden henkilökohtaisen kyselylinkin palvelun päätyttyä. Kysymysten jokainen vastausvaihtoehto kuvaa konkreettisen tilanteen; "en osaa sanoa" ei vaikuta tulokseen.',
    'Vastauksen indeksi on sen kysymysten pisteiden keskiarvo asteikolla 0–100. Palveluntuottajan indeksi on sen vastausten keskiarvo.',
    'Painotettu indeksi vetää pienen vastausmäärän tulosta kohti koko ohjelman keskiarvoa, jotta muutama erinomainen vastaus ei ohita kymmeniä hyviä. Tähdet lasketaan painotetusta indeksistä (1–5, puolen tähden tarkkuudella), ja sen luottamusväli on painottamattoman keskiarvon väli painotettuna samalla tavalla.',
    'Luottamusväli kertoo, kuinka tarkka tulos on. Palveluntuottaja on keskiarvoa parempi tai heikompi vain, jos koko väli on keskiarvon samalla puolella.',
    'Vastausprosentti kertoo, kuinka moni kutsutuista vastasi: matala prosentti voi tarkoittaa, että tulos ei kuvaa kaikkia asiakkaita.',
  ],
  programmeMean: (m: string) => `Ohjelman keskiarvo: ${m}`,
  notFound: 'Ohjelmaa ei löytynyt',
}
type RatingTexts = typeof fi

const sv: RatingTexts = {
  title: (programme) => `Omdömen om tjänsteleverantörer: ${programme}`,
  intro: 'Kunderna som fått tjänsten bedömer den i en personlig enkät. Jämför leverantörerna innan du väljer.',
  period: (from, to) => `Tjänster som avslutades ${from} – ${to}`,
  provider: 'Tjänsteleverantör',
  stars: 'Stjärnor',
  starsOf: (s) => `${s} av 5 stjärnor`,
  shrunk: 'Viktat index',
  answers: 'Svar',
  interval: '95 % konfidensintervall',
  shrunkInterval: 'Det viktade indexets 95 % konfidensintervall',
  weightedExplained:
    'Det viktade indexet är medelvärdet av leverantörens svar, viktat mot programmets medelvärde på grund av få svar. Stjärnorna och konfidensintervallet i tabellen hör till det viktade indexet.',
  rawFigure: (mean, lo, hi) =>
    lo === null ? `Oviktat medelvärde ${mean}` : `Oviktat medelvärde ${mean} (95 % konfidensintervall ${lo} – ${hi})`,
  rate: 'Svarsfrekvens',
  note: 'Obs',
  periodLabel: 'Period',
  providerCustodyTitle: 'Tjänsteleverantörerna delade ut enkätlänkarna.',
  providerCustody:
    'I det här programmet fick kunderna sina enkätlänkar av tjänsteleverantören och inte direkt av Laatu. Leverantören kunde ha påverkat vem som svarade.',
  periodLast12: 'De senaste 12 hela månaderna',
  periodShow: 'Visa',
  tooFew: (min) => `För få svar (under ${min})`,
  caution: 'Få svar: tolka med försiktighet',
  above: 'Bättre än programmets medelvärde',
  below: 'Sämre än programmets medelvärde',
  same: 'Ingen skillnad mot programmets medelvärde',
  chartTitle: 'Viktat kvalitetsindex (0–100) per tjänsteleverantör',
  methodTitle: 'Hur omdömena beräknas',
  method: [
    'Varje kund får en personlig enkätlänk när tjänsten avslutats. Varje svarsalternativ beskriver en konkret situation; "kan inte säga" påverkar inte resultatet.',
    'Ett svars index är medelvärdet av frågornas poäng på skalan 0–100. Leverantörens index är medelvärdet av dess svar.',
    'Det viktade indexet drar resultatet för ett litet antal svar mot hela programmets medelvärde, så att några utmärkta svar inte går förbi tiotals goda. Stjärnorna räknas från det viktade indexet (1–5, i halva stjärnor), och dess konfidensintervall är det oviktade medelvärdets intervall viktat på samma sätt.',
    'Konfidensintervallet visar hur exakt resultatet är. En leverantör är bättre eller sämre än medelvärdet bara om hela intervallet ligger på samma sida om det.',
    'Svarsfrekvensen visar hur många av de inbjudna som svarade: en låg frekvens kan betyda att resultatet inte beskriver alla kunder.',
  ],
  programmeMean: (m) => `Programmets medelvärde: ${m}`,
  notFound: 'Programmet hittades inte',
}

const en: RatingTexts = {
  title: (programme) => `Provider ratings: ${programme}`,
  intro: 'Customers who received the service rate it in a personal survey. Compare the providers before you choose.',
  period: (from, to) => `Services that ended ${from} – ${to}`,
  provider: 'Provider',
  stars: 'Stars',
  starsOf: (s) => `${s} of 5 stars`,
  shrunk: 'Weighted index',
  answers: 'Answers',
  interval: '95 % confidence interval',
  shrunkInterval: '95 % confidence interval of the weighted index',
  weightedExplained:
    "The weighted index is the mean of a provider's answers, weighted toward the programme average because of few answers. The stars and the confidence interval in the table are those of the weighted index.",
  rawFigure: (mean, lo, hi) =>
    lo === null ? `Unweighted mean ${mean}` : `Unweighted mean ${mean} (95 % confidence interval ${lo} – ${hi})`,
  rate: 'Response rate',
  note: 'Note',
  periodLabel: 'Period',
  providerCustodyTitle: 'Links handed out by the provider.',
  providerCustody:
    'In this programme clients got their survey links from the service provider, not directly from Laatu. The provider could have influenced who answered.',
  periodLast12: 'The last 12 whole months',
  periodShow: 'Show',
  tooFew: (min) => `Too few answers (under ${min})`,
  caution: 'Few answers: use with caution',
  above: 'Above the programme average',
  below: 'Below the programme average',
  same: 'No different from the programme average',
  chartTitle: 'Weighted quality index (0–100) by provider',
  methodTitle: 'How the ratings are computed',
  method: [
    'Every customer gets one personal survey link when the service ends. Every answer option describes a concrete situation; "cannot say" does not affect the result.',
    "A response's index is the mean of its item scores on a 0–100 scale. A provider's index is the mean of its responses.",
    'The weighted index pulls the result of a small number of answers towards the programme mean, so that a few excellent answers do not beat dozens of good ones. Stars come from the weighted index (1–5, in half stars), and its confidence interval is the interval of the unweighted mean weighted the same way.',
    'The confidence interval shows how precise the result is. A provider is above or below the average only when its whole interval lies on one side of it.',
    'The response rate shows how many of those invited answered: a low rate can mean the result does not describe all customers.',
  ],
  programmeMean: (m) => `Programme mean: ${m}`,
  notFound: 'No such programme',
}

export const ratingTexts: Record<Language, RatingTexts> = { fi, sv, en }
