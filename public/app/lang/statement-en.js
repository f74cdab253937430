// The fee statement's and the simulation's texts about which index a figure is (en): loaded with those views
// only, to keep sign-in light.
export default {
  answersMean: 'Mean of answers (unweighted)',
  answersMeanExplained:
    'Mean of answers: the unweighted mean quality index (0–100) of the scored answers from clients whose service ended in the period. A quality component may pay on an index of its own; its explanation names it.',
  owedByComponent: 'Owed by fee component',
  answersMeanOf: (n) =>
    `The unweighted mean of your ${n} scored answers from clients whose service ended in the period.`,
  answersMeanNoCi:
    'Its interval and stars are computed for whole months, quarters and years only, and this run covers another period: see the overview.',
  answersMeanChanged: (n) =>
    `No interval here: your figures for this period rest on other answers than this run (providers see answers in groups of ${n} only, and later answers count too); see the overview.`,
  starsFromWeighted: (s, a, b) =>
    `From the weighted index ${s} (95 % interval ${a} – ${b}): the mean weighted toward the programme average because of few answers.`,
  feeIndexIs: (component, index, base) =>
    `${component} does not pay on this mean but on its own fee index: ${index}, ${base}; the component's explanation below gives its figure.`,
  feeIndex_shrunk: 'weighted toward the rest of the programme because of few answers',
  feeIndex_raw: 'not weighted',
  feeIndex_adjusted: 'adjusted for the mix of clients',
  feeBase_zero: 'over every closed invitation with a non-respondent counted as 0',
  feeBase_respondentMean: 'over the answers only',
  expectedShort: (m) => `expected ${m}`,
}
