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
  above: 'Parempi kuin muut palveluntuottajat keskimäärin',
  below: 'Heikompi kuin muut palveluntuottajat keskimäärin',
  same: 'Ei selvää eroa muihin palveluntuottajiin',
  notAfterCorrection: (n: number) =>
    `Ero muihin ei ole tilastollisesti merkitsevä, kun ${n} palveluntuottajaa verrataan samalla kertaa.`,
  programmeSpread: 'Väli perustuu ohjelman tavalliseen hajontaan, koska nämä vastaukset vaihtelevat vähemmän.',
  weightNow: (k: string) => `Ohjelman keskiarvo painaa nyt yhtä paljon kuin ${k} vastausta.`,
  chartTitle: 'Painotettu laatuindeksi (0–100) palveluntuottajittain',
  methodTitle: 'Miten arviot lasketaan',
  method: [
    'Jokainen asiakas saa yhden henkilökohtaisen kyselylinkin palvelun päätyttyä. Kysymysten jokainen vastausvaihtoehto kuvaa konkreettisen tilanteen; "en osaa sanoa" ei vaikuta tulokseen.',
    'Vastauksen indeksi on sen kysymysten pisteiden keskiarvo asteikolla 0–100. Palveluntuottajan indeksi on sen vastausten keskiarvo.',
    'Painotettu indeksi vetää pienen vastausmäärän tulosta kohti koko ohjelman keskiarvoa, jotta muutama erinomainen vastaus ei ohita kymmeniä hyviä. Tähdet lasketaan painotetusta indeksistä (1–5, puolen tähden tarkkuudella), ja sen luottamusväli on painottamattoman keskiarvon väli painotettuna samalla tavalla.',
    'Painon suuruus arvioidaan vastauksista: mitä selvemmin palveluntuottajien tulokset eroavat toisistaan verrattuna siihen, kuinka paljon yksittäiset vastaukset vaihtelevat, sitä vähemmän tulosta vedetään kohti keskiarvoa.',
    'Luottamusväli kertoo, kuinka tarkka tulos on. Se ei ole koskaan kapeampi kuin ohjelman tavallinen vastausten hajonta antaa, koska muutama samanlainen vastaus ei tee tuloksesta tarkkaa.',
    'Palveluntuottaja on muita parempi tai heikompi vain, jos sen vastaukset eroavat muiden palveluntuottajien vastauksista tilastollisesti merkitsevästi (Welchin t-testi) vielä senkin jälkeen, kun otetaan huomioon, että kaikkia palveluntuottajia verrataan samalla kertaa (Holmin korjaus). Muuten ero voi johtua sattumasta.',
    'Vastausprosentti kertoo, kuinka moni kutsutuista vastasi: matala prosentti voi tarkoittaa, että tulos ei kuvaa kaikkia asiakkaita.',
  ],
  programmeMean: (m: string) => `Ohjelman keskiarvo: ${m}`,
  notFound: 'Ohjelmaa ei löytynyt',
  /** The survey versions the figures come from (one series of one survey): "1–2", "2" or "1, 3". */
  series: (versions: string, many: boolean, survey: string) =>
    `${many ? 'Kyselyn versiot' : 'Kyselyn versio'} ${versions} (${survey})`,
  otherSeries: (answers: number, versions: string, many: boolean, survey: string) =>
    `${answers === 1 ? '1 vastaus' : `${answers} vastausta`} ${many ? 'kyselyn versioihin' : 'kyselyn versioon'} ${versions} (${survey}) ei ole mukana: kysymykset muuttuivat, joten tuloksia ei yhdistetä.`,
  showSeries: 'Näytä nämä vastaukset',
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
  above: 'Bättre än de andra leverantörerna i genomsnitt',
  below: 'Sämre än de andra leverantörerna i genomsnitt',
  same: 'Ingen tydlig skillnad mot de andra leverantörerna',
  notAfterCorrection: (n) =>
    `Skillnaden mot de andra är inte statistiskt signifikant när ${n} leverantörer jämförs samtidigt.`,
  programmeSpread: 'Intervallet bygger på programmets typiska spridning, eftersom dessa svar varierar mindre.',
  weightNow: (k) => `Programmets medelvärde väger nu lika mycket som ${k} svar.`,
  chartTitle: 'Viktat kvalitetsindex (0–100) per tjänsteleverantör',
  methodTitle: 'Hur omdömena beräknas',
  method: [
    'Varje kund får en personlig enkätlänk när tjänsten avslutats. Varje svarsalternativ beskriver en konkret situation; "kan inte säga" påverkar inte resultatet.',
    'Ett svars index är medelvärdet av frågornas poäng på skalan 0–100. Leverantörens index är medelvärdet av dess svar.',
    'Det viktade indexet drar resultatet för ett litet antal svar mot hela programmets medelvärde, så att några utmärkta svar inte går förbi tiotals goda. Stjärnorna räknas från det viktade indexet (1–5, i halva stjärnor), och dess konfidensintervall är det oviktade medelvärdets intervall viktat på samma sätt.',
    'Vikten uppskattas från svaren: ju tydligare leverantörernas resultat skiljer sig från varandra jämfört med hur mycket enskilda svar varierar, desto mindre dras resultatet mot medelvärdet.',
    'Konfidensintervallet visar hur exakt resultatet är. Det är aldrig smalare än programmets typiska spridning av svaren ger, eftersom några likadana svar inte gör resultatet exakt.',
    'En leverantör är bättre eller sämre än de andra bara om dess svar skiljer sig statistiskt signifikant från de andra leverantörernas svar (Welchs t-test) även när man tar hänsyn till att alla leverantörer jämförs samtidigt (Holms korrektion). Annars kan skillnaden bero på slumpen.',
    'Svarsfrekvensen visar hur många av de inbjudna som svarade: en låg frekvens kan betyda att resultatet inte beskriver alla kunder.',
  ],
  programmeMean: (m) => `Programmets medelvärde: ${m}`,
  notFound: 'Programmet hittades inte',
  series: (versions, many, survey) => `${many ? 'Enkätversioner' : 'Enkätversion'} ${versions} (${survey})`,
  otherSeries: (answers, versions, many, survey) =>
    `${answers} svar på ${many ? 'enkätversionerna' : 'enkätversion'} ${versions} (${survey}) ingår inte: frågorna ändrades, så resultaten slås inte ihop.`,
  showSeries: 'Visa de svaren',
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
  above: 'Above the other providers on average',
  below: 'Below the other providers on average',
  same: 'No clear difference from the other providers',
  notAfterCorrection: (n) =>
    `The difference from the others is not statistically significant once ${n} providers are compared at once.`,
  programmeSpread: "Interval based on the programme's typical spread, as these answers vary less.",
  weightNow: (k) => `The programme average now weighs as much as ${k} answers.`,
  chartTitle: 'Weighted quality index (0–100) by provider',
  methodTitle: 'How the ratings are computed',
  method: [
    'Every customer gets one personal survey link when the service ends. Every answer option describes a concrete situation; "cannot say" does not affect the result.',
    "A response's index is the mean of its item scores on a 0–100 scale. A provider's index is the mean of its responses.",
    'The weighted index pulls the result of a small number of answers towards the programme mean, so that a few excellent answers do not beat dozens of good ones. Stars come from the weighted index (1–5, in half stars), and its confidence interval is the interval of the unweighted mean weighted the same way.',
    "The size of the weight is estimated from the answers: the more clearly the providers' results differ from each other compared with how much single answers vary, the less a result is pulled toward the average.",
    "The confidence interval shows how precise the result is. It is never narrower than the programme's typical spread of answers gives, because a few identical answers do not make a result precise.",
    "A provider is above or below the others only when its answers differ from the other providers' answers with statistical significance (Welch's t-test), even after allowing for all providers being compared at once (Holm's correction). Otherwise the difference may be chance.",
    'The response rate shows how many of those invited answered: a low rate can mean the result does not describe all customers.',
  ],
  programmeMean: (m) => `Programme mean: ${m}`,
  notFound: 'No such programme',
  series: (versions, many, survey) => `${many ? 'Survey versions' : 'Survey version'} ${versions} (${survey})`,
  otherSeries: (answers, versions, many, survey) =>
    `${answers === 1 ? '1 answer' : `${answers} answers`} to ${many ? 'survey versions' : 'survey version'} ${versions} (${survey}) ${answers === 1 ? 'is' : 'are'} not included: the questions changed, so the results are not pooled.`,
  showSeries: 'Show those answers',
}

export const ratingTexts: Record<Language, RatingTexts> = { fi, sv, en }
