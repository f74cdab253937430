// Texter för den nationella jämförelsen (sv): laddas bara på sidan /national.
export default {
  brandNational: 'Laatu · nationell jämförelse',
  signInLeadNational:
    'Jämför program och tjänsteleverantörer med samma enkät mellan regionerna. Siffrorna är desamma som i de offentliga betygen.',
  notNationalKey:
    'Det här är ingen nationell nyckel. En upphandlare loggar in på /procurer/, en tjänsteleverantör på /provider/.',
  nationalHeading: 'Nationell jämförelse',
  nationalTitle: 'Jämförelse',
  nationalSurvey: 'Enkät',
  nationalShow: 'Visa',
  nationalIntro: (survey, versions, period) =>
    `${survey} (versioner ${versions}), ${period}. Varje siffra är densamma som i programmets offentliga betyg: små grupper och opublicerade resultat är dolda.`,
  nationalNone: 'Inget program skickade inbjudningar med den här enkäten under perioden.',
  nationalChart: 'Viktat kvalitetsindex med 95 % konfidensintervall per tjänsteleverantör, grupperat per program',
  nationalChartCaption:
    'Punkten är det viktade indexet, stapeln dess 95 % intervall. Samma siffror finns i tabellerna nedan. Leverantörer vars resultat inte publiceras saknas i bilden.',
  nationalWeighted: 'Viktat index',
  nationalInterval: '95 % intervall',
  nationalProvider: 'Tjänsteleverantör',
  nationalIndex: 'Index (95 % intervall)',
  nationalWeightedCi: 'Viktat index (95 % intervall)',
  nationalResponseRate: 'Svarsfrekvens',
  nationalAnswers: 'Svar',
  nationalInvited: 'Inbjudna',
  nationalRIndicator: 'R-indikator (95 % intervall)',
  nationalProgrammeRow: 'Programmet totalt',
  nationalCaption: (name, region) => `${name} – ${region}`,
  nationalRNote:
    'R-indikatorn visar om de som svarade liknar alla inbjudna (1 = samma svarsbenägenhet i alla grupper). Den beräknas bara för hela programmet och visas bara när programmets egna siffror är offentliga.',
  nationalOtherSurveys: (list) =>
    `Programmets siffror innehåller också svar på en annan enkät (${list}): jämförelsen är inte helt likvärdig.`,
  nationalProviderCustody: 'Tjänsteleverantören delade ut enkätlänkarna: resultaten är svagare verifierade.',
  nationalPublication: {
    too_few_answers: 'För få svar',
    caution: 'Få svar: använd med försiktighet',
    published: 'Publicerat',
  },
}
