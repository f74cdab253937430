// The one list of every route the Worker serves (src/routes/*), in the order of the reference page.

import { aggregateCheckQuerySchema } from '../schemas/aggregates.ts'
import { nationalComparisonQuery } from '../schemas/national.ts'
import { reportedOutcomesQuerySchema } from '../schemas/reported-outcomes.ts'
import { commentsQuerySchema, scoresQuerySchema } from '../schemas/scores.ts'
import { previewQuery } from '../schemas/surveys.ts'
import { arrayOf, JSON_BODY, KEYED, type Operation } from './operation.ts'
import {
  auditQuery,
  episodeListQuery,
  invitationLinksQuery,
  keyListQuery,
  langQuery,
  ledgerQuery,
  responsesExportQuery,
  runQuery,
  surveyPageQuery,
} from './queries.ts'

const P = '/api/v1'

const csvExport = (what: string) => ({
  status: 200,
  description: `${what} as CSV (UTF-8 with a byte-order mark, sent as an attachment)`,
  csv: what,
})

export const operations: Operation[] = [
  // Keys (src/routes/keys.ts)
  {
    id: 'createKey',
    method: 'post',
    path: `${P}/keys`,
    tag: 'Keys',
    auth: 'key',
    summary: 'Create an access key',
    description:
      'A procurer key (optionally bound to one programme), a provider key (bound to one provider) or, by the admin only, a national key (no programme; reads only getNationalComparison and /me). The secret is returned once; only its SHA-256 hash is stored. Only the admin or an unscoped procurer may create an unscoped procurer key; a provider key cannot create keys.',
    body: [{ json: 'KeyCreate' }],
    replies: [{ status: 201, description: 'The key, with its secret shown this once', json: 'NewAccessKey' }],
    errors: [...KEYED, ...JSON_BODY],
  },
  {
    id: 'listKeys',
    method: 'get',
    path: `${P}/keys`,
    tag: 'Keys',
    auth: 'key',
    summary: "List a programme's keys (no secrets)",
    query: [keyListQuery],
    replies: [{ status: 200, description: 'The keys', json: arrayOf('AccessKey', 'keys') }],
    errors: [...KEYED, 400],
  },
  {
    id: 'revokeKey',
    method: 'delete',
    path: `${P}/keys/{kid}`,
    tag: 'Keys',
    auth: 'key',
    summary: 'Revoke a key',
    description: 'Whoever could have created the key may revoke it. The key stops working at once.',
    replies: [{ status: 200, description: 'The revoked key', json: 'AccessKey' }],
    errors: [...KEYED, [404, 'No such key']],
  },

  // Audit (src/routes/audit.ts)
  {
    id: 'listAudit',
    method: 'get',
    path: `${P}/audit`,
    tag: 'Audit',
    auth: 'key',
    summary: 'Read the audit trail',
    description:
      'Every data-changing request made with a key, newest first, with the status it got. A procurer reads its programme (programmeId); only the admin reads the whole log.',
    query: [auditQuery],
    replies: [{ status: 200, description: 'The entries, newest first', json: arrayOf('AuditEntry', 'entries') }],
    errors: [...KEYED, 400],
  },

  // Programmes (src/routes/programmes.ts)
  {
    id: 'createProgramme',
    method: 'post',
    path: `${P}/programmes`,
    tag: 'Programmes',
    auth: 'key',
    summary: 'Create a programme',
    description:
      'With its survey map (surveys: by customer type and, optionally, service type; see SurveyMap), publication rules, custody settings (linkCustody, default laatu; providerEpisodes, default confirm), case-mix adjustment (caseMix, default false), intake wave (intakeWindowDays, default null: none) and optionally its first fee rule version. Admin or an unscoped procurer key only.',
    body: [{ json: 'ProgrammeCreate' }],
    replies: [
      { status: 201, description: 'The programme with its fee rule (version 1) or null', json: 'ProgrammeWithRule' },
    ],
    errors: [...KEYED, ...JSON_BODY],
  },
  {
    id: 'listProgrammes',
    method: 'get',
    path: `${P}/programmes`,
    tag: 'Programmes',
    auth: 'key',
    summary: 'List the programmes the key may see',
    replies: [{ status: 200, description: 'The programmes', json: arrayOf('Programme', 'programmes') }],
    errors: [401, 429],
  },
  {
    id: 'getProgramme',
    method: 'get',
    path: `${P}/programmes/{pid}`,
    tag: 'Programmes',
    auth: 'key',
    summary: 'Read a programme with its current fee rule',
    replies: [{ status: 200, description: 'The programme', json: 'ProgrammeWithRule' }],
    errors: [...KEYED, 404],
  },
  {
    id: 'updateProgrammeSettings',
    method: 'patch',
    path: `${P}/programmes/{pid}`,
    tag: 'Programmes',
    auth: 'key',
    summary: "Change a programme's custody, case-mix, survey, intake and follow-up settings",
    description:
      'linkCustody, providerEpisodes, caseMix, surveys, intakeWindowDays, followUpDays, followUpSurvey or any of them; what is not sent stays. caseMix true turns on the case-mix adjusted index in scores and diagnostics; intakeWindowDays (0..365) turns on the intake wave for episodes confirmed from now on, null turns it off. followUpDays (1-730, null: off) makes the delivery job send each confirmed episode the follow-up survey that many days after its end; followUpSurvey must be a survey with a question that reports an outcome (422 naming it otherwise). surveys replaces the survey map (checked as at creation: 422 naming the path, such as surveys.jobseeker.byServiceType.entrepreneurship). A change applies to what happens next: episodes already pending stay pending, links already issued stay where they went, and every invitation and response keeps the survey version it was issued with. Procurer only; the audit log keeps who changed it.',
    body: [{ json: 'ProgrammeSettings' }],
    replies: [
      { status: 200, description: 'The programme with its new settings (without the fee rule)', json: 'Programme' },
    ],
    errors: [...KEYED, ...JSON_BODY, 404],
  },

  // Fee rules (src/routes/programmes.ts)
  {
    id: 'putFeeRule',
    method: 'put',
    path: `${P}/programmes/{pid}/fee-rule`,
    tag: 'Fee rules',
    auth: 'key',
    summary: 'Add a fee rule version',
    description:
      "A rule is never edited in place: every PUT stores a new version. The rule's currency must be the programme's. Procurer only.",
    body: [{ json: 'FeeRule' }],
    replies: [{ status: 201, description: 'The new version', json: 'FeeRuleVersion' }],
    errors: [
      ...KEYED,
      [400, 'The body is not JSON'],
      404,
      [415, 'The body is not sent as application/json'],
      [422, 'The rule breaks the fee rule schema; one issue per field'],
    ],
  },
  {
    id: 'listFeeRules',
    method: 'get',
    path: `${P}/programmes/{pid}/fee-rules`,
    tag: 'Fee rules',
    auth: 'key',
    summary: 'List every fee rule version',
    replies: [{ status: 200, description: 'The versions, oldest first', json: arrayOf('FeeRuleVersion', 'versions') }],
    errors: [...KEYED, 404],
  },

  // Providers (src/routes/programmes.ts)
  {
    id: 'createProvider',
    method: 'post',
    path: `${P}/programmes/{pid}/providers`,
    tag: 'Providers',
    auth: 'key',
    summary: 'Add a service provider',
    body: [{ json: 'ProviderCreate' }],
    replies: [{ status: 201, description: 'The provider', json: 'Provider' }],
    errors: [
      ...KEYED,
      ...JSON_BODY,
      404,
      [409, 'A provider with this name or business ID already exists in the programme'],
    ],
  },
  {
    id: 'listProviders',
    method: 'get',
    path: `${P}/programmes/{pid}/providers`,
    tag: 'Providers',
    auth: 'key',
    summary: 'List providers',
    description: 'A provider key sees only its own provider.',
    replies: [{ status: 200, description: 'The providers', json: arrayOf('Provider', 'providers') }],
    errors: [...KEYED, 404],
  },

  // Episodes (src/routes/programme-episodes.ts, src/routes/episodes.ts)
  {
    id: 'importEpisodes',
    method: 'post',
    path: `${P}/programmes/{pid}/episodes`,
    tag: 'Episodes',
    auth: 'key',
    summary: 'Import service episodes (JSON or CSV)',
    description:
      "Up to 5,000 episodes per request, all or nothing, idempotent by externalRef. References are NFKC-normalised and trimmed and compared without case; invisible, control and direction characters, spaces other than the ordinary one and letters of two look-alike scripts are refused (422). A procurer key's episodes are confirmed at once and each new one gets a personal invitation whose url and token appear only in this response. A provider key may import only its own episodes, and not at all where providerEpisodes is off (403); under confirm they are pending (no invitation, status pending, counted in `pending`) until the procurer confirms them, under trusted they are confirmed at once. A provider key's riskClass is kept only as proposedRiskClass, and it gets url and token only where linkCustody is provider. CSV: a header row with the field names (providerId, customerType, externalRef, serviceType, startedOn, endedOn, riskClass, language, email, phone); rows then pass the same schema as JSON.",
    body: [{ json: 'EpisodeImport' }, { csv: 'Episodes, one per row, with a header row' }],
    replies: [
      { status: 201, description: 'Some episodes were stored', json: 'EpisodeImportResult' },
      { status: 200, description: 'Every episode was already stored with the same data', json: 'EpisodeImportResult' },
    ],
    errors: [
      ...KEYED,
      [400, 'Malformed JSON'],
      404,
      [
        403,
        "Not a procurer of this programme; or a provider key sent another provider's episode (issues name episodes[i].providerId), or providerEpisodes is off",
      ],
      [
        409,
        'An externalRef is already used in this programme with other data (the issue says only "already used in this programme", never whose), or a concurrent import stored it (code concurrent_import); nothing was stored',
      ],
      [415, 'Neither application/json nor text/csv'],
      [422, 'Some episodes are invalid; nothing was stored'],
    ],
  },
  {
    id: 'listEpisodes',
    method: 'get',
    path: `${P}/programmes/{pid}/episodes`,
    tag: 'Episodes',
    auth: 'key',
    summary: 'List episodes with their invitation status',
    description:
      "Paged by `after` (the `next` of the previous page). status=pending is the procurer's confirmation queue. A provider key sees only its own episodes, without createdBy, reviewedBy and its invitations' status and timestamps.",
    query: [episodeListQuery],
    replies: [{ status: 200, description: 'One page of episodes', json: 'EpisodePage' }],
    errors: [...KEYED, 400, [403, 'A provider key asked for another providerId'], 404],
  },
  {
    id: 'confirmEpisodes',
    method: 'post',
    path: `${P}/programmes/{pid}/episodes/confirm`,
    tag: 'Episodes',
    auth: 'key',
    summary: 'Confirm pending episodes a provider imported',
    description:
      'Either episodeIds or {"all": true, "providerId"} (every pending episode of one provider). All or nothing. A confirmed episode is billable and gets its personal invitation: sent by Laatu where a contact is stored, and for every episode returned here once (and, for clients without contact data, later from invitation-links.csv). riskClass sets the class that prices result fees for every episode confirmed; acceptProposedRiskClass takes each provider\'s proposal instead; with neither the class stays empty (null). Procurer only.',
    body: [{ json: 'EpisodeConfirm' }],
    replies: [{ status: 200, description: 'The confirmed episodes with their links', json: 'EpisodeConfirmResult' }],
    errors: [
      ...KEYED,
      ...JSON_BODY.filter((e) => e !== 422),
      404,
      [409, 'Another request confirmed some of these episodes meanwhile; nothing was changed, send again'],
      [
        422,
        'Neither or both of episodeIds and {all, providerId}; or an id that is not a pending episode of this programme (one issue per id, path episodeIds[i]); nothing was changed',
      ],
    ],
  },
  {
    id: 'rejectEpisodes',
    method: 'post',
    path: `${P}/programmes/{pid}/episodes/reject`,
    tag: 'Episodes',
    auth: 'key',
    summary: 'Reject pending episodes a provider imported',
    description:
      'Either episodeIds or {"all": true, "providerId"}, with an optional reason. A rejected episode stays on record (status rejected), is never invited and never paid; its stored contact is erased at once. Procurer only.',
    body: [{ json: 'EpisodeReject' }],
    replies: [{ status: 200, description: 'The rejected episodes', json: 'EpisodeRejectResult' }],
    errors: [
      ...KEYED,
      ...JSON_BODY.filter((e) => e !== 422),
      404,
      [
        422,
        'Neither or both of episodeIds and {all, providerId}; or an id that is not a pending episode of this programme (one issue per id, path episodeIds[i]); nothing was changed',
      ],
    ],
  },
  {
    id: 'getInvitationLinks',
    method: 'get',
    path: `${P}/programmes/{pid}/invitation-links.csv`,
    tag: 'Episodes',
    auth: 'key',
    summary: 'Survey links of clients without contact data, as CSV',
    description:
      "The open, unexpired invitations of episodes imported without email or phone, whose links Laatu keeps sealed (AES-GCM) so that the procurer can hand them over by letter or phone; the wave column says whether the link is to the exit survey (exit), the intake survey (intake, for a programme with an intake wave) or the follow-up survey (followup, which the delivery job creates on each episode's follow-up day). A link sealed under an earlier ADMIN_TOKEN cannot be opened and is left out: re-issue it. Procurer only; every download is in the audit log.",
    query: [invitationLinksQuery],
    replies: [csvExport('episodeId, externalRef, providerId, provider, customerType, wave, language, expiresAt, url')],
    errors: [
      ...KEYED,
      404,
      [
        409,
        'PUBLIC_BASE_URL is not set for this deployment and the request did not come from a loopback host, so no link can be built (code not_configured)',
      ],
    ],
  },
  {
    id: 'getEpisode',
    method: 'get',
    path: `${P}/episodes/{eid}`,
    tag: 'Episodes',
    auth: 'key',
    summary: 'Read an episode with its invitation and outcomes',
    description:
      "A provider key reads only its own episodes, without createdBy, reviewedBy and the invitation's status and timestamps. A pending or rejected episode has no invitation (null).",
    replies: [{ status: 200, description: 'The episode', json: 'EpisodeDetail' }],
    errors: [...KEYED, [404, "No such episode (also for another provider's episode)"]],
  },
  {
    id: 'reissueInvitation',
    method: 'post',
    path: `${P}/episodes/{eid}/invitation`,
    tag: 'Episodes',
    auth: 'key',
    summary: 'Re-issue a lost survey link',
    description:
      'The old link stops working and its unsent messages are dropped; the new one is queued for the stored contact. Only an open invitation can be re-issued. The procurer may always; a provider key only for its own episodes and only where the programme has linkCustody provider.',
    replies: [{ status: 201, description: 'The invitation with its new link', json: 'ReissuedInvitation' }],
    errors: [
      ...KEYED,
      [403, 'Not a procurer of this programme, or a provider key where linkCustody is laatu'],
      404,
      [409, 'The invitation is completed or declined (a provider key is told only that it is closed)'],
    ],
  },
  {
    id: 'recordOutcome',
    method: 'post',
    path: `${P}/episodes/{eid}/outcomes`,
    tag: 'Episodes',
    auth: 'key',
    summary: 'Record a result event',
    description:
      'Used by result-based fee components. Procurer only: a provider is paid for results, so it does not record them.',
    body: [{ json: 'OutcomeCreate' }],
    replies: [
      { status: 201, description: 'The outcome was stored', json: 'Outcome' },
      { status: 200, description: 'The same outcome was already recorded', json: 'Outcome' },
    ],
    errors: [...KEYED, ...JSON_BODY, 404, [409, 'An outcome of this type on this day is recorded with another value']],
  },
  {
    id: 'listOutcomes',
    method: 'get',
    path: `${P}/episodes/{eid}/outcomes`,
    tag: 'Episodes',
    auth: 'key',
    summary: "List an episode's outcomes",
    replies: [{ status: 200, description: 'The outcomes', json: arrayOf('Outcome', 'outcomes') }],
    errors: [...KEYED, 404],
  },

  // Reported outcomes (src/routes/programme-reported-outcomes.ts)
  {
    id: 'listReportedOutcomes',
    method: 'get',
    path: `${P}/programmes/{pid}/reported-outcomes`,
    tag: 'Episodes',
    auth: 'key',
    summary: 'The queue of outcomes that follow-up answers report',
    description:
      "What completed follow-up surveys say happened (for the built-in outcome-followup: a hire, its start date, weekly hours / 37.5 as value), one per invitation and outcome type, until the procurer confirms or rejects it. Procurer only: a provider never sees a single client's report.",
    query: [reportedOutcomesQuerySchema],
    replies: [{ status: 200, description: 'The reported outcomes of that status', json: 'ReportedOutcomeList' }],
    errors: [...KEYED, 400, 404],
  },
  ...(['confirm', 'reject'] as const).map(
    (decision): Operation => ({
      id: decision === 'confirm' ? 'confirmReportedOutcomes' : 'rejectReportedOutcomes',
      method: 'post',
      path: `${P}/programmes/{pid}/reported-outcomes/${decision}`,
      tag: 'Episodes',
      auth: 'key',
      summary: decision === 'confirm' ? 'Confirm reported outcomes (one or many)' : 'Reject reported outcomes',
      description:
        decision === 'confirm'
          ? 'Each pending one named becomes an outcome (result fee components pay it in the next fee run over its day); an outcome of the same episode, type and day already recorded is kept as it is. One already confirmed or rejected is left alone (unchanged), so confirming twice changes nothing. All or nothing; procurer only; audited.'
          : 'Each pending one named is marked rejected; no outcome is written. One already reviewed is left alone. All or nothing; procurer only; audited.',
      body: [{ json: 'ReportedOutcomeReview' }],
      replies: [
        { status: 200, description: 'How many changed, and the named ones now', json: 'ReportedOutcomeReviewResult' },
      ],
      errors: [
        ...KEYED,
        ...JSON_BODY.filter((e) => e !== 422),
        404,
        [
          422,
          decision === 'confirm'
            ? 'An id that is no reported outcome of this programme, or one dated before its service started (one issue per id, path ids[i]); nothing was changed'
            : 'An id that is no reported outcome of this programme (one issue per id, path ids[i]); nothing was changed',
        ],
      ],
    }),
  ),

  // Scores (src/routes/scores.ts)
  {
    id: 'getScores',
    method: 'get',
    path: `${P}/programmes/{pid}/scores`,
    tag: 'Scores',
    auth: 'key',
    summary: 'Quality scores per provider',
    description:
      'By episode end date. A procurer key gives from/to (default: the last 365 days) or period; a provider key gives only period, a whole month (2027-03), quarter (2027-Q1) or year (2027), default the last 12 whole months, and from/to is a 400 naming period. A provider key gets its own row and the programme aggregate, computed over released answers only: within each (provider, month, customer type, survey version) the completed responses in completion order, in whole chunks of publication.minGroup. Every figure comes from one survey series per survey (series: the one asked for, else the series of the latest version answered in the period); otherSeries lists the answers left out, and no figure pools across series (docs/METHODS.md, Survey series). A bad series is a 400 naming series.',
    query: [scoresQuerySchema],
    replies: [{ status: 200, description: 'The score table', json: 'ScoreTable' }],
    errors: [...KEYED, 400, 404],
  },
  {
    id: 'getMe',
    method: 'get',
    path: `${P}/me`,
    tag: 'Keys',
    auth: 'key',
    summary: 'Who this key is',
    description:
      'The role and scope of the key in the Authorization header: admin, a procurer (programmeId or null for all) or a provider (programmeId and providerId).',
    replies: [{ status: 200, description: 'The principal', json: 'Principal' }],
    errors: [...KEYED],
  },
  {
    id: 'getDiagnostics',
    method: 'get',
    path: `${P}/programmes/{pid}/diagnostics`,
    tag: 'Scores',
    auth: 'key',
    summary: 'Response-rate and data-quality diagnostics',
    description:
      "AAPOR response rates, representativeness, integrity flags, item statistics, the weekly invitation funnel and counts by month, all of the exit survey; intake gives the intake wave's rates and followUp the follow-up survey's own counts and rates apart. Periods as for scores. A provider key gets only its own rows, over released answers: completions (I) and declines (R) per month with RR1 and REF1; P, O, NC, the other rates, weeks and representativeness are null or empty for it. Survey series as for scores: every figure and the item statistics come from the series shown.",
    query: [scoresQuerySchema],
    replies: [{ status: 200, description: 'The diagnostics', json: 'Diagnostics' }],
    errors: [...KEYED, 400, 404],
  },
  {
    id: 'getComments',
    method: 'get',
    path: `${P}/programmes/{pid}/comments`,
    tag: 'Scores',
    auth: 'key',
    summary: 'Free-text answers per provider',
    description:
      'Comments of completed responses in the period, per provider. Periods as for scores. The procurer gets them sorted by text, none for a provider with fewer than publication.minGroup answers. A provider key gets only its own, from released answers, only of months (per customer type) where at least minGroup respondents commented, in random order, never with a date.',
    query: [commentsQuerySchema],
    replies: [{ status: 200, description: 'The comments', json: 'CommentList' }],
    errors: [...KEYED, 400, 404],
  },
  {
    id: 'listAggregatePeriods',
    method: 'get',
    path: `${P}/programmes/{pid}/aggregates`,
    tag: 'Scores',
    auth: 'key',
    summary: 'The calendar periods the aggregates are kept for',
    description:
      'Scores, ratings and diagnostics read per-provider month and year buckets of their aggregates (docs/SCALING.md). This rebuilds the buckets still marked by recent writes, then lists the years and months that have buckets. Procurer or admin only.',
    replies: [{ status: 200, description: 'The periods', json: 'AggregatePeriods' }],
    errors: [...KEYED, 404],
  },
  {
    id: 'checkAggregates',
    method: 'get',
    path: `${P}/programmes/{pid}/aggregates/check`,
    tag: 'Scores',
    auth: 'key',
    summary: 'Compare the aggregates of a year or month with the raw rows',
    description:
      'Every aggregate the score, rating and diagnostics endpoints read for the period, through the buckets and recomputed from the raw episodes, invitations, responses and items, for every answer and for released answers (a month also through its day buckets, which serve procurer periods cut inside it, named with "(day buckets)"); equal is false and differences names the aggregates when any differ (npm run verify:aggregates runs this for every programme and period). Procurer or admin only.',
    query: [aggregateCheckQuerySchema],
    replies: [{ status: 200, description: 'The comparison', json: 'AggregateCheck' }],
    errors: [...KEYED, 400, 404],
  },
  {
    id: 'exportResponses',
    method: 'get',
    path: `${P}/programmes/{pid}/responses.csv`,
    tag: 'Scores',
    auth: 'key',
    summary: 'Every response with its answers, as CSV',
    description:
      "One row per response (in the order of the episodes' references) of the chosen wave: response (the invitation id), wave, survey_id, survey_version, language (the respondent's), completed_on (UTC date; empty for a response in progress), provider_id, provider_name, service_type, customer_type, then for every question of every survey version in the export (in survey order, each name once) <name> (the answer code as stored; free text as given) and <name>_label (the answer's label in lang, \"cannot say\" included; free text as given). Never contact data, tokens or network hashes. Small-group rules do not apply to the procurer; every export is in the audit log before its first row is sent, its path carrying the filters and the row count (…/responses.csv?lang=fi&wave=exit&status=completed&rows=120). An export cut short by a failed read gets a second entry, status 500, its path adding the rows sent (…&rows=120&sent=100). A refused request (another key's, bad parameters) is logged with its status. The rows are streamed a page at a time; X-Row-Count says how many. Procurer only.",
    query: [responsesExportQuery],
    replies: [
      csvExport(
        'response, wave, survey_id, survey_version, language, completed_on, provider_id, provider_name, service_type, customer_type, then <name>, <name>_label per question',
      ),
    ],
    errors: [...KEYED, 400, [403, 'A provider key, or a procurer key of another programme'], 404],
  },

  // Fee rule templates, panel ratings, provider outcomes (src/routes/fee-rule-templates.ts, programme-panel.ts)
  {
    id: 'listFeeRuleTemplates',
    noDatabase: true,
    method: 'get',
    path: `${P}/fee-rule-templates`,
    tag: 'Fee rules',
    auth: 'none',
    summary: 'The seed fee models as ready rules, with worked examples',
    description:
      'Pirkanmaa 50/25/25, Lapland, the national "from sole entrepreneur to employer" model, Central Finland (panel), Southwest Finland (placements by risk class) and Satakunta (half up front), each with its source and a worked example whose amounts the engine reproduces to the cent. Send a rule as it is to PUT /programmes/{pid}/fee-rule.',
    replies: [{ status: 200, description: 'The templates', json: arrayOf('FeeRuleTemplate', 'templates') }],
    errors: [],
  },
  {
    id: 'recordPanelRating',
    method: 'post',
    path: `${P}/programmes/{pid}/panel-ratings`,
    tag: 'Fee rules',
    auth: 'key',
    summary: "Record a steering group's rating of a provider for a period",
    description:
      "Procurer only; audited. A new rating for the same provider and period is a new version and the latest counts. The rating must lie on the scale of the current fee rule's panel component (422 otherwise); the reason is shown to the provider.",
    body: [{ json: 'PanelRatingCreate' }],
    replies: [{ status: 201, description: 'The stored rating version', json: 'PanelRating' }],
    errors: [...KEYED, ...JSON_BODY, 404],
  },
  {
    id: 'listPanelRatings',
    method: 'get',
    path: `${P}/programmes/{pid}/panel-ratings`,
    tag: 'Fee rules',
    auth: 'key',
    summary: 'List panel ratings, every version',
    description: 'A provider key sees its own ratings only.',
    replies: [{ status: 200, description: 'The ratings', json: arrayOf('PanelRating', 'ratings') }],
    errors: [...KEYED, 404],
  },
  {
    id: 'recordProviderOutcome',
    method: 'post',
    path: `${P}/programmes/{pid}/providers/{prvId}/outcomes`,
    tag: 'Providers',
    auth: 'key',
    summary: 'Record an outcome of the provider itself (e.g. a group event)',
    description:
      'Used by lumpSum fee components. Procurer only, idempotent like episode outcomes: the same type, day and value again is a harmless repeat.',
    body: [{ json: 'OutcomeCreate' }],
    replies: [
      { status: 201, description: 'The outcome was stored', json: 'ProviderOutcome' },
      { status: 200, description: 'The same outcome was already recorded', json: 'ProviderOutcome' },
    ],
    errors: [...KEYED, ...JSON_BODY, 404, [409, 'An outcome of this type on this day is recorded with another value']],
  },
  {
    id: 'listProviderOutcomes',
    method: 'get',
    path: `${P}/programmes/{pid}/providers/{prvId}/outcomes`,
    tag: 'Providers',
    auth: 'key',
    summary: "List a provider's own outcomes",
    replies: [{ status: 200, description: 'The outcomes', json: arrayOf('ProviderOutcome', 'outcomes') }],
    errors: [...KEYED, 404],
  },

  // Fee runs (src/routes/fee-runs.ts, src/routes/runs.ts)
  {
    id: 'createFeeRun',
    method: 'post',
    path: `${P}/programmes/{pid}/fee-runs`,
    tag: 'Fee runs',
    auth: 'key',
    summary: 'Compute a fee run (draft)',
    description:
      'Computes every provider statement for a period with the latest (or the given) fee rule version and stores it as a draft. Procurer only.',
    body: [{ json: 'FeeRunCreate' }],
    replies: [{ status: 201, description: 'The draft run with every statement', json: 'FeeRun' }],
    errors: [...KEYED, ...JSON_BODY, 404],
  },
  {
    id: 'listFeeRuns',
    method: 'get',
    path: `${P}/programmes/{pid}/fee-runs`,
    tag: 'Fee runs',
    auth: 'key',
    summary: "List a programme's fee runs",
    replies: [{ status: 200, description: 'The runs, without statements', json: arrayOf('FeeRunSummary', 'runs') }],
    errors: [...KEYED, 404],
  },
  {
    id: 'simulateFees',
    method: 'post',
    path: `${P}/programmes/{pid}/fee-simulations`,
    tag: 'Fee runs',
    auth: 'key',
    summary: 'Compare candidate fee rules',
    description: 'Runs the fee engine on the same data for up to 6 rules and stores nothing. Procurer only.',
    body: [{ json: 'FeeSimulationCreate' }],
    replies: [{ status: 200, description: 'Totals per rule and amounts per provider', json: 'FeeSimulation' }],
    errors: [...KEYED, ...JSON_BODY, 404],
  },
  {
    id: 'getFeeLedger',
    method: 'get',
    path: `${P}/programmes/{pid}/ledger`,
    tag: 'Fee runs',
    auth: 'key',
    summary: 'The fee ledger: what final runs paid for whom',
    description:
      "Every line of every final run that owed or paid something, in finalisation order: the amount owed as computed, what earlier final runs had paid for the same client and component key (over all rule versions; a provider-level component: over the same period), and what the run paid (negative: a credit). A provider key sees only its own provider, and each client-basis quality component as one entry per run (with `lines`), never one client's.",
    query: [ledgerQuery],
    replies: [{ status: 200, description: 'The entries', json: 'FeeLedger' }],
    errors: [...KEYED, 400, [403, "A provider key asked for another provider's ledger"], 404],
  },
  {
    id: 'getFeeLedgerCsv',
    method: 'get',
    path: `${P}/programmes/{pid}/ledger.csv`,
    tag: 'Fee runs',
    auth: 'key',
    summary: 'The fee ledger as CSV',
    query: [ledgerQuery],
    replies: [
      csvExport(
        'runId, ledgerVersion, finalisedAt, providerId, externalRef, component, componentKey, type, ruleVersion, from, to, amount, paidBefore, payable, currency, reason, lines',
      ),
    ],
    errors: [...KEYED, 400, [403, "A provider key asked for another provider's ledger"], 404],
  },
  {
    id: 'getFeeRun',
    method: 'get',
    path: `${P}/fee-runs/{rid}`,
    tag: 'Fee runs',
    auth: 'key',
    summary: 'Read a fee run with its statements',
    description:
      'A provider key sees only its own statement and no programme totals. With lines=true it gets base and result lines per client, but each client-basis quality component as one line per run (clients, respondents, amount), never one per client; the procurer gets every per-client line.',
    query: [runQuery],
    replies: [{ status: 200, description: 'The run', json: 'FeeRun' }],
    errors: [...KEYED, 404],
  },
  {
    id: 'getFeeRunStatement',
    method: 'get',
    path: `${P}/fee-runs/{rid}/statement.csv`,
    tag: 'Fee runs',
    auth: 'key',
    summary: 'Statement as CSV (one row per provider and component)',
    replies: [
      csvExport(
        'runId, ruleVersion, from, to, providerId, provider, clients, responses, component, type, amount, currency, explanation, linkCustody, paidBefore, payable',
      ),
    ],
    errors: [...KEYED, 404],
  },
  {
    id: 'getFeeRunLines',
    method: 'get',
    path: `${P}/fee-runs/{rid}/lines.csv`,
    tag: 'Fee runs',
    auth: 'key',
    summary: 'Per-client lines as CSV',
    description:
      'For a provider key a client-basis quality component is one row per run with externalRef empty and clients and respondents filled in; the procurer gets one row per client.',
    replies: [
      csvExport(
        'runId, providerId, provider, externalRef, component, type, amount, currency, reason, clients, respondents, componentKey, paidBefore, payable',
      ),
    ],
    errors: [...KEYED, 404],
  },
  {
    id: 'createDispute',
    method: 'post',
    path: `${P}/fee-runs/{rid}/disputes`,
    tag: 'Fee runs',
    auth: 'key',
    summary: 'Dispute a statement or one of its lines',
    description: 'A provider may dispute only its own statement, and only while the run is a draft.',
    body: [{ json: 'DisputeCreate' }],
    replies: [{ status: 201, description: 'The open dispute', json: 'Dispute' }],
    errors: [...KEYED, ...JSON_BODY, 404, [409, 'The run is not a draft']],
  },
  {
    id: 'listDisputes',
    method: 'get',
    path: `${P}/fee-runs/{rid}/disputes`,
    tag: 'Fee runs',
    auth: 'key',
    summary: "List a run's disputes",
    replies: [
      { status: 200, description: 'The disputes (a provider key: its own)', json: arrayOf('Dispute', 'disputes') },
    ],
    errors: [...KEYED, 404],
  },
  {
    id: 'resolveDispute',
    method: 'post',
    path: `${P}/fee-runs/{rid}/disputes/{did}/resolve`,
    tag: 'Fee runs',
    auth: 'key',
    summary: 'Accept or reject a dispute',
    description: 'Procurer only.',
    body: [{ json: 'DisputeResolve' }],
    replies: [{ status: 200, description: 'The resolved dispute', json: 'Dispute' }],
    errors: [
      ...KEYED,
      ...JSON_BODY,
      [404, 'No such fee run, or no such dispute in this run'],
      [409, 'The dispute is already resolved, or the run is no longer a draft'],
    ],
  },
  {
    id: 'finaliseFeeRun',
    method: 'post',
    path: `${P}/fee-runs/{rid}/finalise`,
    tag: 'Fee runs',
    auth: 'key',
    summary: 'Finalise a draft run',
    description:
      "Every dispute must be resolved first. Procurer only. The run's lines enter the fee ledger in the same transaction, and only if no other run of the programme was finalised after this draft was computed (its paid-before figures would be out of date): finalisations of one programme are serialised, so of two concurrent ones exactly one pays.",
    replies: [{ status: 200, description: 'The final run', json: 'FeeRun' }],
    errors: [
      ...KEYED,
      404,
      [
        409,
        'Open disputes remain; the run is not a draft; the draft is stale (another run was finalised since it was computed: compute it again); or it would pay a provider-level component over a period overlapping a different one a final run already paid (the message names that run)',
      ],
    ],
  },

  // Surveys (src/routes/surveys.ts)
  {
    id: 'listSurveys',
    method: 'get',
    path: `${P}/surveys`,
    tag: 'Surveys',
    auth: 'none',
    summary: 'List published surveys (latest versions)',
    description: 'Built-in templates and every published authored survey; drafts are never listed.',
    replies: [
      {
        status: 200,
        description: 'Each survey at its latest version, with every version number',
        json: {
          type: 'object',
          required: ['surveys'],
          properties: {
            surveys: {
              type: 'array',
              items: {
                allOf: [
                  { $ref: '#/components/schemas/Survey' },
                  {
                    type: 'object',
                    properties: { versions: { type: 'array', items: { type: 'integer' } } },
                    required: ['versions'],
                  },
                ],
              },
            },
          },
        },
      },
    ],
    errors: [],
  },
  {
    id: 'getSurvey',
    method: 'get',
    path: `${P}/surveys/{id}`,
    tag: 'Surveys',
    auth: 'none',
    summary: 'Read the latest version of a survey',
    replies: [{ status: 200, description: 'The survey', json: 'Survey' }],
    errors: [404],
  },
  {
    id: 'getSurveyVersion',
    method: 'get',
    path: `${P}/surveys/{id}/versions/{v}`,
    tag: 'Surveys',
    auth: 'none',
    summary: 'Read one version of a survey',
    replies: [{ status: 200, description: 'The survey version', json: 'Survey' }],
    errors: [404],
  },

  {
    id: 'createSurvey',
    method: 'post',
    path: `${P}/surveys`,
    tag: 'Surveys',
    auth: 'key',
    summary: 'Create a survey draft',
    description:
      'From SurveyJS JSON ({"id", "title", "customerType", "json"}) or as a copy of a published version ({"from": "cx-company@2", "id"}). The draft is owned by the key\'s programme (an unbound procurer key or the admin: shared by unbound keys). Its lint findings come back at once; they never stop a draft from being saved, only from being published. A json that is not a SurveyJS survey, over 512 KiB, with more than 200 questions or a question type the respondent page cannot show is refused (422 naming its path) and nothing is stored. Procurer keys and the admin.',
    body: [{ json: 'SurveyCreate' }],
    replies: [{ status: 201, description: 'The draft and its findings', json: 'SurveyCreated' }],
    errors: [...KEYED, ...JSON_BODY, [409, 'A survey with this id exists']],
  },
  {
    id: 'listAuthoredSurveys',
    method: 'get',
    path: `${P}/surveys/authored`,
    tag: 'Surveys',
    auth: 'key',
    summary: "The caller's own authored surveys, newest first",
    replies: [{ status: 200, description: 'Authored surveys', json: arrayOf('AuthoredSurvey', 'surveys') }],
    errors: KEYED,
  },
  {
    id: 'getSurveyDraft',
    method: 'get',
    path: `${P}/surveys/{id}/draft`,
    tag: 'Surveys',
    auth: 'key',
    summary: 'Read a survey draft with its lint findings',
    replies: [{ status: 200, description: 'The draft', json: 'SurveyDraft' }],
    errors: [...KEYED, [404, 'No such survey, or it belongs to another programme']],
  },
  {
    id: 'saveSurveyDraft',
    method: 'put',
    path: `${P}/surveys/{id}/draft`,
    tag: 'Surveys',
    auth: 'key',
    summary: 'Replace a survey draft',
    description: 'Published versions are untouched. Built-in templates are read-only (403): copy one with "from".',
    body: [{ json: 'SurveyDraftSave' }],
    replies: [{ status: 200, description: 'The saved draft and its findings', json: 'SurveyDraft' }],
    errors: [...KEYED, ...JSON_BODY, 404],
  },
  {
    id: 'lintSurveyDraft',
    method: 'get',
    path: `${P}/surveys/{id}/draft/lint`,
    tag: 'Surveys',
    auth: 'key',
    summary: "A draft's lint findings",
    description:
      'Every rule of an unambiguous scale is an error for an authored survey: vague anchors, unlabelled points, "cannot say" on the scale, joined criteria, missing languages, scored items that are not fully labelled 4-5 point scales with "cannot say" outside them.',
    replies: [{ status: 200, description: 'The findings, with how many are errors and warnings', json: 'SurveyLint' }],
    errors: [...KEYED, 404],
  },
  {
    id: 'previewSurveyDraft',
    method: 'get',
    path: `${P}/surveys/{id}/draft/preview`,
    tag: 'Surveys',
    auth: 'key',
    summary: "A draft's page as the respondent will see it",
    description:
      "The respondent's own server-rendered page, compiled from the draft, under a banner saying it is a preview. Its form has no token and stores nothing: its buttons only ask for another page of the preview.",
    query: [previewQuery],
    replies: [{ status: 200, description: 'The page', html: 'page' }],
    errors: [...KEYED, 400, 404],
  },
  {
    id: 'publishSurvey',
    method: 'post',
    path: `${P}/surveys/{id}/publish`,
    tag: 'Surveys',
    auth: 'key',
    summary: 'Publish the draft as the next immutable version',
    description:
      "Numbered in the database; a published version never changes (the database refuses it). With comparableTo, the version continues that version's series and its scores pool with it; any other publication starts a series of its own.",
    body: [{ json: 'SurveyPublish' }],
    replies: [{ status: 201, description: 'The published version', json: 'SurveyPublication' }],
    errors: [
      ...KEYED,
      400,
      415,
      [
        422,
        'An error-level lint finding remains (the body adds "findings", and each error is an issue at json.<path>), or comparableTo names a version whose scored items, points or anchors differ (issues at comparableTo), or a programme whose survey map names this survey unpinned has a fee rule in force paying on an item the draft does not score (an issue at json naming the programme and the rule\'s field; change that fee rule or pin the map first)',
      ],
      404,
      [409, 'Another version was published at the same moment'],
    ],
  },
  {
    id: 'listSurveyVersions',
    method: 'get',
    path: `${P}/surveys/{id}/versions`,
    tag: 'Surveys',
    auth: 'key',
    summary: 'Published versions and the programmes that use them',
    replies: [{ status: 200, description: 'Versions, oldest first', json: 'SurveyVersionList' }],
    errors: [...KEYED, 404],
  },

  // Respondent (src/routes/respond.ts): the personal token in the path is the only credential.
  {
    id: 'getResponse',
    method: 'get',
    path: `${P}/respond/{token}`,
    tag: 'Respondent',
    auth: 'none',
    summary: 'Open a personal survey',
    description:
      'An open link returns the survey version, the saved answers and the status (an expired link reads as status expired) and is marked opened. A completed or declined link returns its status only, never the answers or the comment.',
    replies: [{ status: 200, description: 'The survey and the saved answers', json: 'RespondentSession' }],
    errors: [[404, 'No survey behind this link (unknown or re-issued)'], 429],
  },
  {
    id: 'saveResponse',
    method: 'put',
    path: `${P}/respond/{token}`,
    tag: 'Respondent',
    auth: 'none',
    summary: 'Save answers or complete the survey',
    description:
      'Answers are checked against the survey version. A completed response never changes; sending the identical completion again is a harmless repeat.',
    body: [{ json: 'RespondInput' }],
    replies: [{ status: 200, description: 'Saved or completed', json: 'RespondResult' }],
    errors: [...JSON_BODY, 404, [409, 'The survey is already completed or declined'], [410, 'The link expired'], 429],
  },
  {
    id: 'declineSurvey',
    method: 'post',
    path: `${P}/respond/{token}/decline`,
    tag: 'Respondent',
    auth: 'none',
    summary: 'Decline the survey',
    description: 'Declining twice is harmless.',
    replies: [
      {
        status: 200,
        description: 'Declined',
        json: { type: 'object', properties: { status: { const: 'declined' } }, required: ['status'] },
      },
    ],
    errors: [404, [409, 'The survey is already completed'], [410, 'The link expired'], 429],
  },

  // Public (src/routes/public.ts)
  {
    id: 'getPublicRatings',
    method: 'get',
    path: `${P}/public/programmes/{pid}/ratings`,
    tag: 'Public',
    auth: 'none',
    summary: 'Published provider ratings',
    description:
      'Only published figures over released answers, of one survey series per survey (see getScores). period is a whole month, quarter or year (default: the last 12 whole months); from/to is a 400 naming period. Cached for 5 minutes.',
    query: [scoresQuerySchema],
    replies: [{ status: 200, description: 'The public score table', json: 'PublicRatings' }],
    errors: [400, 404],
  },

  // National (src/routes/national.ts)
  {
    id: 'getNationalComparison',
    method: 'get',
    path: `${P}/national/comparison`,
    tag: 'National',
    auth: 'key',
    summary: 'Every programme of a survey series side by side',
    description:
      "A national key (or the admin) only; any other key gets 403, and a national key gets 403 on every other keyed route but /me. Lists each programme whose confirmed episodes' exit invitations in the period used the survey's series (the latest version's, or the series of the version named), with exactly the figures its public ratings give for that period, customer type and series (getPublicRatings: released answers, small groups and unpublished providers hidden), and a programme-level R-indicator only where the public sees the programme's own figures. An unknown survey is a 404, a bad survey or period a 400 naming it.",
    query: [nationalComparisonQuery],
    replies: [{ status: 200, description: 'The comparison', json: 'NationalComparison' }],
    errors: [...KEYED, 400, 404],
  },

  // Service (src/index.ts, src/routes/openapi.ts)
  {
    id: 'getOpenApi',
    noDatabase: true,
    method: 'get',
    path: `${P}/openapi.json`,
    tag: 'Service',
    auth: 'none',
    summary: 'This OpenAPI 3.1 document',
    replies: [
      {
        status: 200,
        description: 'The document, generated from the same zod schemas the routes validate with',
        json: { type: 'object' },
      },
    ],
    errors: [],
  },
  {
    id: 'health',
    noDatabase: true,
    method: 'get',
    path: '/health',
    tag: 'Service',
    auth: 'none',
    summary: 'Liveness check',
    replies: [
      {
        status: 200,
        description: 'The Worker runs',
        json: { type: 'object', properties: { ok: { const: true } }, required: ['ok'] },
      },
    ],
    errors: [],
  },

  // Pages (src/routes/s.tsx, src/routes/ratings.tsx): HTML for people, listed for completeness.
  {
    id: 'surveyPage',
    method: 'get',
    path: '/s/{token}',
    tag: 'Pages',
    auth: 'none',
    summary: "The respondent's survey page",
    description: 'Rendered on the server; works without JavaScript.',
    query: [surveyPageQuery],
    replies: [
      { status: 200, description: 'The survey page, or a thank-you or declined page', html: 'page' },
      { status: 404, description: 'No survey behind this link', html: 'page' },
      { status: 410, description: 'The link expired', html: 'page' },
    ],
    errors: [[429, 'Too many requests for this survey link']],
  },
  {
    id: 'submitSurveyPage',
    method: 'post',
    path: '/s/{token}',
    tag: 'Pages',
    auth: 'none',
    summary: 'Submit one page of the survey form',
    body: [
      {
        form: {
          type: 'object',
          properties: {
            lang: { type: 'string' },
            page: { type: 'string' },
            action: { type: 'string', enum: ['next', 'back', 'complete', 'decline'] },
            shown: { type: 'string', description: 'Comma-separated names of the questions shown' },
          },
          additionalProperties: { type: 'string', description: 'Answers, by question name' },
        },
      },
    ],
    replies: [
      { status: 303, description: 'Saved; go to the next (or previous) page', none: true },
      { status: 200, description: 'The same page again with a question an answer revealed', html: 'page' },
      { status: 422, description: 'The page with its answer errors', html: 'page' },
      { status: 404, description: 'No survey behind this link', html: 'page' },
      { status: 410, description: 'The link expired', html: 'page' },
    ],
    errors: [[429, 'Too many requests for this survey link']],
  },
  {
    id: 'ratingsPage',
    method: 'get',
    path: '/ratings/{pid}',
    tag: 'Pages',
    auth: 'none',
    summary: 'Public ratings page',
    query: [scoresQuerySchema, langQuery],
    replies: [
      { status: 200, description: 'The ratings page', html: 'page' },
      { status: 404, description: 'No such programme', html: 'page' },
    ],
    errors: [400],
  },
]
