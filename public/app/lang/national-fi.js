// Kansallisen vertailun tekstit (fi): ladataan vain sivulle /national.
export default {
  brandNational: 'Laatu · kansallinen vertailu',
  signInLeadNational:
    'Vertaa saman kyselyn ohjelmia ja palveluntuottajia alueiden välillä. Luvut ovat samat kuin julkisissa arvioissa.',
  notNationalKey:
    'Tämä ei ole kansallinen avain. Hankkija kirjautuu osoitteessa /procurer/, palveluntuottaja /provider/.',
  nationalHeading: 'Kansallinen vertailu',
  nationalTitle: 'Vertailu',
  nationalSurvey: 'Kysely',
  nationalShow: 'Näytä',
  nationalIntro: (survey, versions, period) =>
    `${survey} (versiot ${versions}), ${period}. Jokainen luku on sama kuin ohjelman julkisessa arviossa: pienet ryhmät ja julkaisemattomat tulokset on piilotettu.`,
  nationalNone: 'Yksikään ohjelma ei lähettänyt kutsuja tällä kyselyllä valitulla jaksolla.',
  nationalChart: 'Painotettu laatuindeksi ja sen 95 %:n luottamusväli palveluntuottajittain, ohjelmittain ryhmiteltynä',
  nationalChartCaption:
    'Piste on painotettu indeksi, palkki sen 95 %:n väli. Samat luvut ovat alla olevissa taulukoissa. Palveluntuottajat, joiden tuloksia ei julkaista, puuttuvat kuvasta.',
  nationalWeighted: 'Painotettu indeksi',
  nationalInterval: '95 %:n väli',
  nationalProvider: 'Palveluntuottaja',
  nationalIndex: 'Indeksi (95 %:n väli)',
  nationalWeightedCi: 'Painotettu indeksi (95 %:n väli)',
  nationalResponseRate: 'Vastausprosentti',
  nationalAnswers: 'Vastauksia',
  nationalInvited: 'Kutsuttu',
  nationalRIndicator: 'R-indikaattori (95 %:n väli)',
  nationalProgrammeRow: 'Ohjelma yhteensä',
  nationalCaption: (name, region) => `${name} – ${region}`,
  nationalRNote:
    'R-indikaattori kertoo, muistuttavatko vastanneet kaikkia kutsuttuja (1 = vastausalttius sama kaikissa ryhmissä). Se lasketaan vain koko ohjelmalle ja näytetään vain, kun ohjelman omat luvut ovat julkisia.',
  nationalOtherSurveys: (list) =>
    `Ohjelman luvuissa on mukana myös toisen kyselyn vastauksia (${list}): vertailu ei ole täysin yhtäläinen.`,
  nationalProviderCustody: 'Palveluntuottaja jakoi kyselylinkit: tulokset ovat heikommin varmennettuja.',
  nationalPublication: {
    too_few_answers: 'Liian vähän vastauksia',
    caution: 'Vähän vastauksia: käytä varoen',
    published: 'Julkaistu',
  },
}
