// Specifikationens och simuleringens texter om vilket index en siffra är (sv): laddas bara med de vyerna,
// så att inloggningssidan förblir lätt.
export default {
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
