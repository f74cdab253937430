// Arvodesberäkningarnas och simuleringens texter (sv): laddas bara med de vyerna, så att inloggningssidan
// förblir lätt.
export default {
  runsTitle: 'Arvodesberäkningar',
  runsLead:
    'En arvodesberäkning tillämpar en version av arvodesregeln på en period och sparar specifikationen med en hash av indata, så att den kan återskapas rad för rad.',
  newRunTitle: 'Beräkna arvoden',
  needRule: 'Spara först en arvodesregel.',
  ruleVersionLatest: (v) => `Version ${v} (senaste)`,
  ruleVersionN: (v) => `Version ${v}`,
  runFees: 'Beräkna arvoden',
  runDone: 'Arvodena har beräknats.',
  runsListTitle: 'Beräkningar',
  runFacts: 'Beräkningens uppgifter',
  surveyVersions: 'Enkätversioner',
  inputsHash: 'Hash av indata',
  unallocated: 'Ofördelat',
  statementTable: 'Specifikation per leverantör',
  showLines: 'Visa kundraderna',
  linesOf: (name, n) => `Kundrader: ${name} (${n})`,
  finalise: 'Fastställ',
  confirmFinalise: 'Fastställa beräkningen? En slutlig specifikation kan inte längre bestridas.',
  finalised: 'Beräkningen har fastställts.',
  simulateTitle: 'Simulering: alternativa arvodesregler',
  simulateLead:
    'Tillämpa två eller fler alternativa regler på samma period och data och se vad varje leverantör skulle få enligt var och en. Inget sparas.',
  candidateRule: (n) => `Regel ${n}`,
  candidateFirstHint: 'De andra reglerna jämförs med den här.',
  addRule: 'Lägg till en regel',
  removeRule: (n) => `Ta bort regel ${n}`,
  maxRules: (n) => `Högst ${n} regler åt gången.`,
  compareRules: 'Jämför',
  simulationDone: 'Simuleringen är klar.',
  simulationResult: (r) => `Resultat ${r}`,
  chartSimulation: 'Stapeldiagram: varje leverantörs belopp enligt varje regel',
  simulationTable: (n) => `Belopp enligt ${n} regler och skillnaden mot regel 1`,
  amountUnder: (n) => `Regel ${n}`,
  differenceOf: (n) => `Regel ${n} − regel 1`,
  simulationUnallocated: 'Totalbelopp per regel',
  candidate: 'Regel',
  budget: 'Budget',
  budgetOptional: 'Budget (frivillig)',
  budgetHint:
    'Om arvodena skulle kosta mer skalas allt utom grundarvodena ned i samma proportion så att beräkningen kostar exakt budgeten. Lämna tomt om det inte finns någon budget.',
  budgetBase: 'Grundarvoden (skalas aldrig)',
  budgetOther: 'Övriga arvoden',
  budgetScaled: (before, after) => `${before} före skalning, ${after} efter`,
  budgetFactor: 'Skalningsfaktor',
  budgetExplained: (f) =>
    `Den här beräkningen hade en budget: grundarvodena behölls och alla övriga arvoden multiplicerades med ${f} så att beräkningen kostar budgeten.`,
  noBudget: 'Ingen budget',
  simulationBudgetNote: 'Inom budgeten skalades alla arvoden utom grundarvodena med den visade faktorn.',
  paidBeforeExplained:
    'Intjänat är det som den här beräkningen fann att ska betalas för perioden. Tidigare betalt är det som tidigare slutliga beräkningar redan betalat för samma kunder och delar; den här beräkningen betalar skillnaden (att betala = intjänat − tidigare betalt; ett negativt belopp är en kreditering).',
  finalisedAt: 'Fastställd',
  notFinalised: 'Beräkningen fastställdes inte',
  staleDraftTitle: 'Utkastet är föråldrat',
  staleDraft:
    'En annan arvodesberäkning i programmet fastställdes efter att det här utkastet räknades, så en del av det som utkastet skulle betala kan redan vara betalt. Räkna om beräkningen och fastställ det nya utkastet.',
  computeAgain: 'Räkna om',
  atRiskTitle: 'Rader med störst risk för fel klassificering',
  atRiskTable: (n) => `Rader som är minst säkra på sin sida av en gräns, minst säker först (${n})`,
  atRiskNone: 'Ingen rad i den här beräkningen beror på en gräns för kvalitetsindexet med minst två svar.',
  answersMean: 'Svarens medelvärde (oviktat)',
  answersMeanExplained:
    'Svarens medelvärde: det oviktade medelvärdet av kvalitetsindexet (0–100) för de poängsatta svaren från kunder vars tjänst slutade under perioden. En kvalitetsdel kan betala enligt ett eget index; dess förklaring säger vilket.',
  owedByComponent: 'Intjänat per arvodesdel',
  answersMeanOf: (n) =>
    `Det oviktade medelvärdet av dina ${n} poängsatta svar från kunder vars tjänst slutade under perioden.`,
  answersMeanNoCi:
    'Dess konfidensintervall och stjärnor räknas bara för hela månader, kvartal och år, och den här beräkningen gäller en annan period: se översikten.',
  answersMeanChanged: (n) =>
    `Inget intervall här: dina siffror för perioden bygger på andra svar än den här beräkningen (leverantörer ser svaren bara i grupper om ${n}, och senare svar räknas med); se översikten.`,
  starsFromWeighted: (s, a, b) =>
    `Från det viktade indexet ${s} (95 % konfidensintervall ${a} – ${b}): medelvärdet viktat mot programmets medelvärde på grund av få svar.`,
  feeIndexIs: (component, index, base) =>
    `${component} betalar inte enligt detta medelvärde utan enligt sitt eget arvodesindex: ${index}, ${base}; delens förklaring nedan ger siffran.`,
  feeIndex_shrunk: 'viktat mot resten av programmet på grund av få svar',
  feeIndex_raw: 'oviktat',
  feeIndex_adjusted: 'justerat för kundsammansättningen',
  feeBase_zero: 'över alla avslutade inbjudningar, där den som inte svarat räknas som 0',
  feeBase_respondentMean: 'över svaren enbart',
  expectedShort: (m) => `förväntat ${m}`,
}
