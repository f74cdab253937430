// The seed fee models as ready fee rules, each with its source and a worked example: synthetic inputs built
// from the seed's own numbers and the statement the engine must give for them, to the cent
// (test/fee-rule-templates.test.ts computes every example). Served by GET /api/v1/fee-rule-templates.
import type { FeeClient, FeeInputs, FeeOutcome, FeeProvider, PanelRating } from './fees.ts'

export type FeeRuleTemplate = {
  id: string
  name: string
  region: string
  /** Where the numbers come from. */
  source: string
  summary: string
  /** The rule as a client sends it (PUT /programmes/:pid/fee-rule); run it through parseFeeRule. */
  rule: Record<string, unknown>
  example: {
    description: string
    inputs: FeeInputs
    /** What the statement pays: the total and each component's amount, in cents. */
    expected: { totalCents: number; componentCents: number[] }
    /** How each figure comes about. */
    walkthrough: string[]
  }
}

const SOURCE_BULLETIN =
  'seeds/004_e8bb31086d08c60e.txt: 2018 bulletin on result-based fee models for the growth-service pilots'
const SOURCE_REPORT =
  'seeds/000_51fb4af80cc8d744.txt: Ministry of Economic Affairs and Employment evaluation report 17/2018'
const Q1 = { from: '2027-01-01', to: '2027-03-31' }

type ClientSpec = Partial<Omit<FeeClient, 'episodeId' | 'externalRef' | 'outcomes'>> & {
  outcomes?: Array<[type: string, occurredOn: string, value?: number]>
}

function client(externalRef: string, spec: ClientSpec = {}): FeeClient {
  const { outcomes = [], ...rest } = spec
  return {
    episodeId: `ep_${externalRef}`,
    externalRef,
    riskClass: null,
    serviceType: null,
    startedOn: '2027-01-11',
    endedOn: '2027-02-15',
    response: null,
    outcomes: outcomes.map(([type, occurredOn, value]): FeeOutcome => ({ type, occurredOn, value: value ?? null })),
    ...rest,
  }
}

/** Every invitation of the example answered or declined: the response rate is completed / clients. */
function provider(
  providerId: string,
  name: string,
  clients: FeeClient[],
  extra: Partial<FeeProvider> = {},
): FeeProvider {
  const completed = clients.filter((c) => c.response !== null).length
  return { providerId, name, clients, invited: clients.length, completed, ...extra }
}

const answered = (qualityIndex: number, allTop = qualityIndex === 100) => ({ qualityIndex, allTop })

const USEFULNESS_ITEMS = [
  'need_clarity',
  'employer_obligations',
  'recruitment_plan',
  'candidate_channels',
  'recruitment_decision',
]

/** Positions (1-4) of the five usefulness items on the company survey's four-point scale. */
function usefulness(positions: number[]) {
  const items = Object.fromEntries(USEFULNESS_ITEMS.map((name, i) => [name, { position: positions[i], points: 4 }]))
  const index = positions.reduce((s, p) => s + ((p - 1) / 3) * 100, 0) / positions.length
  return { qualityIndex: index, allTop: positions.every((p) => p === 4), items }
}

const rating = (period: string, value: number, reason: string, version: number): PanelRating => ({
  period,
  rating: value,
  reason,
  version,
})

export const feeRuleTemplates: FeeRuleTemplate[] = [
  {
    id: 'pirkanmaa-kasvubuusti',
    name: 'Pirkanmaa Kasvubuusti: 50 % base, 25 % results, 25 % quality',
    region: 'Pirkanmaa',
    source: `${SOURCE_REPORT}; 15 providers on a customer voucher, fee = 50 % base + 25 % results + 25 % service quality from customer feedback. Pirkanmaa published a provider star rating from customer evaluations where new customers chose their provider: publish the same at /ratings/<programme id>.`,
    summary:
      'The split is written once as shares of a contract price per client; the price may differ by provider or service type (byProvider over byServiceType over default). A customer who refuses to answer earns no quality part (nonResponse zero).',
    rule: {
      currency: 'EUR',
      prices: { default: 2000, byServiceType: { growth_coaching: 2400 } },
      components: [
        { type: 'base', share: 0.5 },
        { type: 'result', outcome: 'growth', share: 0.25 },
        { type: 'quality', basis: 'client', share: 0.25, scoring: { mode: 'linear' }, nonResponse: 'zero' },
      ],
    },
    example: {
      description: 'One provider, three clients ending in 2027-Q1; the run covers 2027-Q1.',
      inputs: {
        currency: 'EUR',
        period: Q1,
        providers: [
          provider('prv_kasvupolku', 'Kasvupolku Oy', [
            client('K-001', { outcomes: [['growth', '2027-03-10']], response: answered(80) }),
            client('K-002', { serviceType: 'growth_coaching', response: answered(60) }),
            client('K-003', { outcomes: [['growth', '2027-04-20']] }),
          ]),
        ],
      },
      expected: { totalCents: 446000, componentCents: [320000, 50000, 76000] },
      walkthrough: [
        'K-001 (price 2000.00): base 1000.00 + growth on 2027-03-10 500.00 + quality 500.00 x 80/100 = 400.00: 1900.00',
        'K-002 (growth_coaching, price 2400.00): base 1200.00 + no growth 0 + quality 600.00 x 60/100 = 360.00: 1560.00',
        'K-003 (price 2000.00): base 1000.00; its growth on 2027-04-20 is earned in the run covering that date; no answer: quality 0: 1000.00',
        'Total 4460.00 = base 3200.00 + results 500.00 + quality 760.00',
      ],
    },
  },
  {
    id: 'lapland-tourism',
    name: 'Lapland tourism pilot: up to EUR 700 quality + EUR 300 recruitment, at most EUR 1,000 per client',
    region: 'Lapland',
    source: `${SOURCE_BULLETIN}; result-based part about 20 % of the budget; per client company at most EUR 1,000, of which at most EUR 700 from the customer's quality feedback and at most EUR 300 from a realised (or probable) recruitment.`,
    summary:
      'Quality pays up to 700.00 by the quality index; a realised or a probable recruitment (either, once) pays 300.00; no client earns more than 1000.00 in a run (capPerClient; later components are cut first).',
    rule: {
      currency: 'EUR',
      capPerClient: 1000,
      components: [
        { type: 'quality', basis: 'client', perClientMax: 700, scoring: { mode: 'linear' } },
        { type: 'result', outcome: ['recruitment', 'recruitment_probable'], perClient: 300 },
      ],
    },
    example: {
      description: 'Three client companies ending in 2027-Q1.',
      inputs: {
        currency: 'EUR',
        period: Q1,
        providers: [
          provider('prv_lapland', 'Tunturimatkat Oy', [
            client('L-001', { response: answered(100), outcomes: [['recruitment', '2027-03-01']] }),
            client('L-002', { response: answered(50), outcomes: [['recruitment_probable', '2027-03-05']] }),
            client('L-003', {
              outcomes: [
                ['recruitment_probable', '2027-02-20'],
                ['recruitment', '2027-03-20'],
              ],
            }),
          ]),
        ],
      },
      expected: { totalCents: 195000, componentCents: [105000, 90000] },
      walkthrough: [
        'L-001: quality 700.00 x 100/100 = 700.00 + recruitment 300.00 = 1000.00 (at the cap, nothing cut)',
        'L-002: quality 700.00 x 50/100 = 350.00 + probable recruitment 300.00 = 650.00',
        'L-003: no answer 0 + recruitment_probable on 2027-02-20 (the earliest listed outcome earns it, once) 300.00',
        'Total 1950.00',
      ],
    },
  },
  {
    id: 'sole-entrepreneur-to-employer',
    name: 'From sole entrepreneur to employer (national, 6 providers)',
    region: 'national',
    source: `${SOURCE_BULLETIN}; EUR 800 per client for personal guidance, EUR 300 if a recruitment plan was made, up to EUR 1,000 for customer experience only if the client rates five usefulness items at the most positive point of a four-point scale, EUR 1,200 if the client recruits 0.5 person-years more within 3 months; the group event fee of EUR 3,000 per event held by the provider.`,
    summary:
      "The customer-experience fee is all or nothing over the company survey's five usefulness items (allTop with items); the recruitment fee needs an outcome of at least 0.5 person-years within 92 days of the service's end; a group event is an outcome recorded on the provider.",
    rule: {
      currency: 'EUR',
      components: [
        { type: 'base', perClient: 800 },
        { type: 'result', outcome: 'recruitment_plan', perClient: 300 },
        {
          type: 'quality',
          basis: 'client',
          perClientMax: 1000,
          scoring: { mode: 'allTop', items: USEFULNESS_ITEMS },
        },
        { type: 'result', outcome: 'recruitment', minValue: 0.5, withinDays: 92, perClient: 1200 },
        { type: 'lumpSum', outcome: 'group_event', amount: 3000 },
      ],
    },
    example: {
      description: 'Three clients ending on 2027-02-15 and one group event, run over 2027-Q1.',
      inputs: {
        currency: 'EUR',
        period: Q1,
        providers: [
          provider(
            'prv_national',
            'Työnantajaksi Oy',
            [
              client('N-001', {
                response: usefulness([4, 4, 4, 4, 4]),
                outcomes: [
                  ['recruitment_plan', '2027-02-10'],
                  ['recruitment', '2027-03-31', 0.5],
                ],
              }),
              client('N-002', {
                response: usefulness([4, 4, 4, 4, 3]),
                outcomes: [
                  ['recruitment_plan', '2027-02-01'],
                  ['recruitment', '2027-03-01', 0.4],
                ],
              }),
              client('N-003'),
            ],
            { outcomes: [{ type: 'group_event', occurredOn: '2027-03-05', value: null }] },
          ),
        ],
      },
      expected: { totalCents: 820000, componentCents: [240000, 60000, 100000, 120000, 300000] },
      walkthrough: [
        'N-001: 800.00 + plan 300.00 + all five usefulness items at the top 1000.00 + 0.5 person-years on 2027-03-31 (44 days after the end) 1200.00 = 3300.00',
        'N-002: 800.00 + plan 300.00 + one item at the third point: 0 + 0.4 person-years is below 0.5: 0 = 1100.00',
        'N-003: 800.00 (no plan, no answer, no recruitment)',
        'Group event on 2027-03-05: 3000.00',
        'Total 8200.00',
      ],
    },
  },
  {
    id: 'keski-suomi-panel',
    name: 'Central Finland: base fee + up to 16 % quality fee by a steering group',
    region: 'Keski-Suomi',
    source: `${SOURCE_BULLETIN}; base fee + up to 16 % quality fee, quality judged by a steering group.`,
    summary:
      "The steering group rates each provider per period on 0-10 (POST /programmes/:pid/panel-ratings, with a reason the provider sees); the panel component pays rating/10 x 16 % of the provider's base fees in the run.",
    rule: {
      currency: 'EUR',
      components: [
        { type: 'base', perClient: 1500 },
        { type: 'panel', maxShareOfBase: 0.16, scale: { min: 0, max: 10 }, scoring: { mode: 'linear' } },
      ],
    },
    example: {
      description: 'Four clients ending in 2027-Q1; the steering group rated 2027-Q1 twice, the second version counts.',
      inputs: {
        currency: 'EUR',
        period: Q1,
        providers: [
          provider(
            'prv_keski',
            'Keskisuomen Kasvu Oy',
            [client('KS-1'), client('KS-2'), client('KS-3'), client('KS-4')],
            {
              panelRatings: [
                rating('2027-Q1', 6, 'service plans clear, follow-up slow', 1),
                rating('2027-Q1', 7.5, 'follow-up improved after the February meeting', 2),
              ],
            },
          ),
        ],
      },
      expected: { totalCents: 672000, componentCents: [600000, 72000] },
      walkthrough: [
        'Base 4 x 1500.00 = 6000.00',
        'Panel: the latest rating of 2027-Q1 is 7.5 (version 2) -> 7.5/10 x 16 % x 6000.00 = 720.00',
        'Total 6720.00',
      ],
    },
  },
  {
    id: 'varsinais-suomi-placement',
    name: 'Southwest Finland: EUR 900 / 650 / 450 per placement lasting 3 months, by risk class',
    region: 'Varsinais-Suomi',
    source: `${SOURCE_BULLETIN}; fee per placement lasting at least 3 months, tiered by the client's long-term unemployment risk class: EUR 900 / 650 / 450.`,
    summary:
      "A placement outcome whose value is the months it lasted earns the fee once it reaches 3 (minValue); the amount follows the client's risk class as the procurer set it (high, medium, low); a client without a class earns the lowest tier.",
    rule: {
      currency: 'EUR',
      components: [
        {
          type: 'result',
          outcome: 'placement',
          minValue: 3,
          perClient: 450,
          byRiskClass: { high: 900, medium: 650, low: 450 },
        },
      ],
    },
    example: {
      description: 'Four job seekers whose placements were recorded in 2027-Q1 with the months they lasted.',
      inputs: {
        currency: 'EUR',
        period: Q1,
        providers: [
          provider('prv_turku', 'Turun Työpolku Oy', [
            client('V-1', { riskClass: 'high', outcomes: [['placement', '2027-03-02', 3]] }),
            client('V-2', { riskClass: 'medium', outcomes: [['placement', '2027-03-09', 4]] }),
            client('V-3', { riskClass: 'low', outcomes: [['placement', '2027-03-16', 3]] }),
            client('V-4', { riskClass: 'high', outcomes: [['placement', '2027-03-23', 2]] }),
          ]),
        ],
      },
      expected: { totalCents: 200000, componentCents: [200000] },
      walkthrough: [
        'V-1 high risk, 3 months: 900.00; V-2 medium, 4 months: 650.00; V-3 low, 3 months: 450.00',
        'V-4: the placement lasted 2 months, below 3: 0 (a later outcome with value 3 earns it in its own run)',
        'Total 2000.00',
      ],
    },
  },
  {
    id: 'satakunta-up-front',
    name: 'Satakunta: half of the fee up front, the rest by results',
    region: 'Satakunta',
    source: `${SOURCE_BULLETIN}; half of the fee up front to start the service, the rest paid by results.`,
    summary:
      "Half of the contract price is paid in the run covering the service's start (when start); the other half in the run covering the employment outcome.",
    rule: {
      currency: 'EUR',
      prices: { default: 2000 },
      components: [
        { type: 'base', when: 'start', share: 0.5 },
        { type: 'result', outcome: 'employment', share: 0.5 },
      ],
    },
    example: {
      description: 'Run over 2027-Q1: one client started and was employed in it, one started, one started in 2026.',
      inputs: {
        currency: 'EUR',
        period: Q1,
        providers: [
          provider('prv_pori', 'Porin Palvelu Oy', [
            client('S-1', { startedOn: '2027-01-15', endedOn: '2027-03-20', outcomes: [['employment', '2027-03-25']] }),
            client('S-2', { startedOn: '2027-02-01', endedOn: '2027-05-30' }),
            client('S-3', { startedOn: '2026-11-02', endedOn: '2027-02-10', outcomes: [['employment', '2027-03-01']] }),
          ]),
        ],
      },
      expected: { totalCents: 400000, componentCents: [200000, 200000] },
      walkthrough: [
        'Up front (started in 2027-Q1): S-1 1000.00 + S-2 1000.00; S-3 started in 2026-Q4, so that run paid it',
        'Results (employment in 2027-Q1): S-1 1000.00 + S-3 1000.00',
        'Total 4000.00',
      ],
    },
  },
]
