// Palkkiolaskentojen ja simuloinnin tekstit (fi): ladataan vain niiden näkymien kanssa, jotta kirjautumissivu
// pysyy kevyenä.
export default {
  runsTitle: 'Palkkiolaskennat',
  runsLead:
    'Palkkiolaskenta soveltaa palkkiosäännön versiota yhteen ajanjaksoon ja tallentaa laskelman syötteidensä tiivisteen kanssa, jotta se voidaan toistaa rivi riviltä.',
  newRunTitle: 'Laske palkkiot',
  needRule: 'Tallenna ensin palkkiosääntö.',
  ruleVersionLatest: (v) => `Versio ${v} (uusin)`,
  ruleVersionN: (v) => `Versio ${v}`,
  runFees: 'Laske palkkiot',
  runDone: 'Palkkiot laskettu.',
  runsListTitle: 'Laskennat',
  runFacts: 'Laskennan tiedot',
  surveyVersions: 'Kyselyversiot',
  inputsHash: 'Syötteiden tiiviste',
  unallocated: 'Jakamatta',
  statementTable: 'Laskelma palveluntuottajittain',
  showLines: 'Näytä asiakasrivit',
  linesOf: (name, n) => `Asiakasrivit: ${name} (${n})`,
  finalise: 'Vahvista lopulliseksi',
  confirmFinalise: 'Vahvistetaanko laskenta lopulliseksi? Lopullisesta laskelmasta ei voi enää tehdä huomautusta.',
  finalised: 'Laskenta vahvistettu lopulliseksi.',
  simulateTitle: 'Simulointi: vaihtoehtoiset palkkiosäännöt',
  simulateLead:
    'Sovella kahta tai useampaa vaihtoehtoista sääntöä samaan ajanjaksoon ja aineistoon ja katso, mitä kukin palveluntuottaja saisi kunkin mukaan. Mitään ei tallenneta.',
  candidateRule: (n) => `Sääntö ${n}`,
  candidateFirstHint: 'Muita sääntöjä verrataan tähän.',
  addRule: 'Lisää sääntö',
  removeRule: (n) => `Poista sääntö ${n}`,
  maxRules: (n) => `Enintään ${n} sääntöä kerralla.`,
  compareRules: 'Vertaa',
  simulationDone: 'Simulointi valmis.',
  simulationResult: (r) => `Tulos ${r}`,
  chartSimulation: 'Pylväskaavio: kunkin palveluntuottajan summa kunkin säännön mukaan',
  simulationTable: (n) => `Summat ${n} säännön mukaan ja ero sääntöön 1`,
  amountUnder: (n) => `Sääntö ${n}`,
  differenceOf: (n) => `Sääntö ${n} − sääntö 1`,
  simulationUnallocated: 'Yhteissummat säännöittäin',
  candidate: 'Sääntö',
  budget: 'Budjetti',
  budgetOptional: 'Budjetti (valinnainen)',
  budgetHint:
    'Jos palkkiot maksaisivat enemmän, kaikkia muita kuin perusmaksuja pienennetään samassa suhteessa niin, että laskenta maksaa tasan budjetin. Jätä tyhjäksi, jos budjettia ei ole.',
  budgetBase: 'Perusmaksut (ei skaalata)',
  budgetOther: 'Muut palkkiot',
  budgetScaled: (before, after) => `${before} ennen skaalausta, ${after} sen jälkeen`,
  budgetFactor: 'Skaalauskerroin',
  budgetExplained: (f) =>
    `Tällä laskennalla oli budjetti: perusmaksut pidettiin ja kaikki muut palkkiot kerrottiin luvulla ${f}, jotta laskenta maksaa budjetin verran.`,
  noBudget: 'Ei budjettia',
  simulationBudgetNote: 'Budjetin rajoissa kaikki muut kuin perusmaksut skaalattiin näytetyllä kertoimella.',
  paidBeforeExplained:
    'Ansaittu on se, mitä tämä laskenta totesi jakson ajalta kuuluvan. Maksettu aiemmin on se, minkä aiemmat lopulliset laskennat ovat jo maksaneet samoista asiakkaista ja osista; tämä laskenta maksaa erotuksen (maksettava = ansaittu − maksettu aiemmin; negatiivinen summa on hyvitys).',
  finalisedAt: 'Vahvistettu',
  notFinalised: 'Laskentaa ei vahvistettu',
  staleDraftTitle: 'Tämä luonnos on vanhentunut',
  staleDraft:
    'Ohjelman toinen palkkiolaskenta vahvistettiin tämän luonnoksen laskemisen jälkeen, joten osa siitä, mitä luonnos maksaisi, voi olla jo maksettu. Laske laskenta uudelleen ja vahvista uusi luonnos.',
  computeAgain: 'Laske uudelleen',
  atRiskTitle: 'Rivit, joiden luokitus on epävarmin',
  atRiskTable: (n) => `Rivit, joiden puoli rajasta on epävarmin, epävarmin ensin (${n})`,
  atRiskNone: 'Mikään tämän laskennan rivi ei riipu laatuindeksin rajasta vähintään kahden vastauksen perusteella.',
  answersMean: 'Vastausten keskiarvo (painottamaton)',
  answersMeanExplained:
    'Vastausten keskiarvo: niiden asiakkaiden pisteytettyjen vastausten painottamaton laatuindeksin (0–100) keskiarvo, joiden palvelu päättyi kaudella. Laatuosa voi maksaa omalla indeksillään; sen selitys kertoo millä.',
  owedByComponent: 'Ansaittu palkkion osittain',
  answersMeanOf: (n) =>
    `${n} pisteytetyn vastauksesi painottamaton keskiarvo; vastaajat ovat asiakkaita, joiden palvelu päättyi kaudella.`,
  answersMeanNoCi:
    'Sen luottamusväli ja tähdet lasketaan vain kokonaisille kuukausille, neljännesvuosille ja vuosille, ja tämä laskenta kattaa muun jakson: ks. yleiskuva.',
  answersMeanChanged: (n) =>
    `Luottamusväliä ei näytetä: sinulle näkyvät kauden luvut perustuvat eri vastauksiin kuin tämä laskenta (palveluntuottajille vastaukset näkyvät vain ${n} vastauksen ryhminä, ja myöhemmät vastaukset lasketaan mukaan); ks. yleiskuva.`,
  starsFromWeighted: (s, a, b) =>
    `Painotetusta indeksistä ${s} (95 %:n luottamusväli ${a} – ${b}): keskiarvo painotettuna kohti ohjelman keskiarvoa, koska vastauksia on vähän.`,
  feeIndexIs: (component, index, base) =>
    `${component} ei maksa tämän keskiarvon vaan oman palkkioindeksinsä mukaan: ${index}, ${base}; osan selitys alla kertoo luvun.`,
  feeIndex_shrunk: 'painotettu kohti muun ohjelman keskiarvoa, koska vastauksia on vähän',
  feeIndex_raw: 'painottamaton',
  feeIndex_adjusted: 'asiakasrakenteella vakioitu',
  feeBase_zero: 'kaikista päättyneistä kutsuista, vastaamatta jättänyt nollana',
  feeBase_respondentMean: 'vain vastauksista',
  expectedShort: (m) => `odotusarvo ${m}`,
}
