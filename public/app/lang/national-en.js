// Texts of the national comparison (en): loaded on the /national page only.
export default {
  brandNational: 'Laatu · national comparison',
  signInLeadNational:
    'Compare the programmes and providers that use the same survey across regions. The figures are those of the public ratings.',
  notNationalKey: 'This is not a national key. A procurer signs in at /procurer/, a provider at /provider/.',
  nationalHeading: 'National comparison',
  nationalTitle: 'Comparison',
  nationalSurvey: 'Survey',
  nationalShow: 'Show',
  nationalIntro: (survey, versions, period) =>
    `${survey} (versions ${versions}), ${period}. Every figure is the one in the programme's public ratings: small groups and unpublished results are hidden.`,
  nationalNone: 'No programme sent invitations with this survey in the period.',
  nationalChart: 'Weighted quality index with its 95 % confidence interval per provider, grouped by programme',
  nationalChartCaption:
    'The point is the weighted index, the bar its 95 % interval. The tables below hold the same figures. Providers whose results are not published are left out of the chart.',
  nationalWeighted: 'Weighted index',
  nationalInterval: '95 % interval',
  nationalProvider: 'Provider',
  nationalIndex: 'Index (95 % interval)',
  nationalWeightedCi: 'Weighted index (95 % interval)',
  nationalResponseRate: 'Response rate',
  nationalAnswers: 'Answers',
  nationalInvited: 'Invited',
  nationalRIndicator: 'R-indicator (95 % interval)',
  nationalProgrammeRow: 'Programme total',
  nationalCaption: (name, region) => `${name} – ${region}`,
  nationalRNote:
    'The R-indicator says whether those who answered resemble all who were invited (1 = the same propensity to answer in every group). It is computed for the whole programme only, and shown only where the programme’s own figures are public.',
  nationalOtherSurveys: (list) =>
    `The programme's figures also hold answers to another survey (${list}): the comparison is not fully like for like.`,
  nationalProviderCustody: 'The provider handed out the survey links: the results are less strongly verified.',
  nationalPublication: {
    too_few_answers: 'Too few answers',
    caution: 'Few answers: use with caution',
    published: 'Published',
  },
}
