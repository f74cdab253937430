import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { programmeScoredItems } from '../src/app/programme-surveys.ts'
import type { FeeRule } from '../src/domain/fee-rule.ts'
import { feeRuleTemplates } from '../src/domain/fee-rule-templates.ts'
import { BudgetBelowBase, computeStatement, type FeeInputs } from '../src/domain/fees.ts'
import { parseFeeRule } from '../src/schemas/fee-rule.ts'

// The built-in surveys' items, read from D1 as a programme's fee rule is checked against them.
const scoredItems = await programmeScoredItems(env.DB, { company: 'cx-company', jobseeker: 'cx-jobseeker' })

function parsed(input: unknown, scope = {}): FeeRule {
  const result = parseFeeRule(input, 'EUR', scope)
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.rule
}

function template(id: string) {
  const found = feeRuleTemplates.find((t) => t.id === id)
  if (!found) throw new Error(id)
  return found
}

const issuesOf = (input: unknown, scope = {}) => {
  const result = parseFeeRule(input, 'EUR', scope)
  return result.ok ? [] : result.issues
}

describe('fee rule templates: every seed model computed to the cent', () => {
  it.each(feeRuleTemplates.map((t) => [t.id, t] as const))('%s', (_id, t) => {
    const rule = parsed(t.rule, { providerIds: [], scoredItems })
    const statement = computeStatement(rule, t.example.inputs)
    expect(statement.totalCents).toBe(t.example.expected.totalCents)
    expect(statement.providers.flatMap((p) => p.components.map((c) => c.amountCents))).toEqual(
      t.example.expected.componentCents,
    )
    // every component adds up line by line
    for (const p of statement.providers) {
      for (const c of p.components) {
        const lines = p.lines.filter((l) => l.component === c.index)
        expect(lines.reduce((s, l) => s + l.amountCents, 0)).toBe(c.amountCents)
      }
    }
  })

  it('has the six seed models', () => {
    expect(feeRuleTemplates.map((t) => t.region)).toEqual([
      'Pirkanmaa',
      'Lapland',
      'national',
      'Keski-Suomi',
      'Varsinais-Suomi',
      'Satakunta',
    ])
  })

  it('explains the national model line by line', () => {
    const t = template('sole-entrepreneur-to-employer')
    const [p] = computeStatement(parsed(t.rule), t.example.inputs).providers
    const reasons = Object.fromEntries(p.lines.map((l) => [`${l.externalRef ?? '-'}/${l.component}`, l.reason]))
    expect(reasons).toMatchObject({
      'N-001/2': 'all 5 listed items at the top -> share 1',
      'N-002/2': '4 of 5 listed items at the top -> share 0',
      'N-001/3': 'recruitment on 2027-03-31 meets recruitment of at least 0.5 within 92 days of the end',
      'N-002/3': 'no recruitment of at least 0.5 within 92 days of the end recorded',
      '-/4': 'group_event on 2027-03-05',
    })
  })

  it('shows the panel reason and counts only the latest version of a period', () => {
    const t = template('keski-suomi-panel')
    const [p] = computeStatement(parsed(t.rule), t.example.inputs).providers
    expect(p.lines.find((l) => l.type === 'panel')?.reason).toContain(
      '2027-Q1 rated 7.5 (v2): follow-up improved after the February meeting',
    )
  })
})

describe('when, withinDays and pending invitations', () => {
  const national = template('sole-entrepreneur-to-employer')

  it('pays a recruitment 92 days after the end but not 93', () => {
    const rule = parsed({ currency: 'EUR', components: [(national.rule.components as unknown[])[3]] })
    const at = (occurredOn: string): FeeInputs => ({
      currency: 'EUR',
      period: { from: '2027-01-01', to: '2027-12-31' },
      providers: [
        {
          providerId: 'p',
          name: 'P',
          invited: 0,
          completed: 0,
          clients: [
            {
              episodeId: 'e',
              externalRef: 'r',
              riskClass: null,
              serviceType: null,
              startedOn: '2027-01-01',
              endedOn: '2027-02-15',
              outcomes: [{ type: 'recruitment', occurredOn, value: 0.5 }],
              response: null,
            },
          ],
        },
      ],
    })
    expect(computeStatement(rule, at('2027-05-18')).totalCents).toBe(120000) // 2027-02-15 + 92 days
    expect(computeStatement(rule, at('2027-05-19')).totalCents).toBe(0)
  })

  it('gives a client with an open, unexpired invitation no quality line and leaves it out of the rate', () => {
    const t = template('lapland-tourism')
    const inputs = structuredClone(t.example.inputs)
    const p = inputs.providers[0]
    p.clients[2] = { ...p.clients[2], invitation: 'pending' }
    p.invited = 2
    const [s] = computeStatement(parsed(t.rule), inputs).providers
    expect(s.lines.filter((l) => l.component === 0).map((l) => l.externalRef)).toEqual(['L-001', 'L-002'])
    expect(s.responseRate).toBe(1)
    expect(s.components[0].explanation).toContain('1 client pending (invitation still open)')
    // its recruitment is not a quality component: it is paid
    expect(s.lines.find((l) => l.externalRef === 'L-003' && l.component === 1)?.amountCents).toBe(30000)
  })
})

describe('capPerClient', () => {
  it('cuts later components first and says so', () => {
    const t = template('lapland-tourism')
    const rule = parsed({ ...t.rule, capPerClient: 800 })
    const [p] = computeStatement(rule, t.example.inputs).providers
    const l1 = p.lines.filter((l) => l.externalRef === 'L-001')
    // 700 quality + 300 recruitment = 1000 > 800: the recruitment (component 1) is cut by 200
    expect(l1.map((l) => l.amountCents)).toEqual([70000, 10000])
    expect(l1[1].reason).toBe(
      'recruitment on 2027-03-01 meets recruitment or recruitment_probable; cut by 200.00 to the cap of 800.00 per client',
    )
    expect(p.components[1].explanation).toContain('1 client cut by 200.00 in all to the cap of 800.00 per client')
    expect(p.totalCents).toBe(175000)
  })
})

describe('budget', () => {
  const t = template('pirkanmaa-kasvubuusti')
  const rule = parsed(t.rule)

  it('scales results and quality in proportion to the cent, never base fees', () => {
    // base 3200.00; results 500.00 + quality 760.00 = 1260.00 scaled to 4000.00 - 3200.00 = 800.00
    const statement = computeStatement(rule, t.example.inputs, 400000)
    expect(statement.totalCents).toBe(400000)
    expect(statement.budget).toEqual({
      budgetCents: 400000,
      baseCents: 320000,
      unscaledCents: 126000,
      scaledCents: 80000,
      factor: 80000 / 126000,
    })
    const [p] = statement.providers
    // 50000 x 0.63492 = 31746.03 -> 31746; 40000 x ... = 25396.83 -> 25397; 36000 x ... = 22857.14 -> 22857
    expect(p.lines.map((l) => [l.externalRef, l.component, l.amountCents])).toEqual([
      ['K-001', 0, 100000],
      ['K-001', 1, 31746],
      ['K-001', 2, 25397],
      ['K-002', 0, 120000],
      ['K-002', 1, 0],
      ['K-002', 2, 22857],
      ['K-003', 0, 100000],
      ['K-003', 1, 0],
      ['K-003', 2, 0],
    ])
    expect(p.components.map((c) => c.amountCents)).toEqual([320000, 31746, 48254])
    expect(p.components[1].explanation).toContain('scaled to the budget 4000.00: 500.00 -> 317.46')
  })

  it('changes nothing under a budget the run does not reach', () => {
    expect(computeStatement(rule, t.example.inputs, 500000).totalCents).toBe(446000)
  })

  it('refuses a budget below the base fees', () => {
    expect(() => computeStatement(rule, t.example.inputs, 319999)).toThrow(BudgetBelowBase)
  })
})

describe('bad rules are refused with the field path', () => {
  it('share and a money amount on one component', () => {
    expect(
      issuesOf({
        currency: 'EUR',
        prices: { default: 2000 },
        components: [{ type: 'base', perClient: 1000, share: 0.5 }],
      }),
    ).toEqual([
      {
        path: 'components[0].share',
        message: 'give either perClient or share (of the contract price), not both',
      },
    ])
  })

  it('a share without prices, and a component with neither', () => {
    expect(issuesOf({ currency: 'EUR', components: [{ type: 'base', share: 0.5 }, { type: 'base' }] })).toEqual([
      {
        path: 'components[1].perClient',
        message: 'is required (or share of the contract price)',
      },
      {
        path: 'components[0].share',
        message: 'a share of the contract price needs prices on the rule',
      },
    ])
  })

  it('an unknown price key', () => {
    const rule = {
      currency: 'EUR',
      prices: { default: 2000, byProvider: { prv_known: 2400, prv_other: 1 } },
      components: [{ type: 'base', share: 0.5 }],
    }
    expect(issuesOf(rule, { providerIds: ['prv_known'] })).toEqual([
      {
        path: 'prices.byProvider.prv_other',
        message: 'unknown price key: prv_other is not a provider of the programme',
      },
    ])
    expect(issuesOf(rule, { providerIds: ['prv_known', 'prv_other'] })).toEqual([])
  })

  it('withinDays below 0', () => {
    expect(
      issuesOf({
        currency: 'EUR',
        components: [{ type: 'result', outcome: 'recruitment', perClient: 1, withinDays: -1 }],
      }),
    ).toEqual([{ path: 'components[0].withinDays', message: 'must be at least 0' }])
  })

  it('items naming an item the surveys do not score', () => {
    const rule = {
      currency: 'EUR',
      components: [
        {
          type: 'quality',
          basis: 'client',
          perClientMax: 1000,
          scoring: { mode: 'allTop', items: ['need_clarity', 'use_again'] },
        },
      ],
    }
    expect(issuesOf(rule, { scoredItems })).toEqual([
      {
        path: 'components[0].scoring.items[1]',
        message: `the programme's surveys score no item "use_again"`,
      },
    ])
  })

  it('a panel scale the wrong way round and when "outcome" on a base fee', () => {
    expect(
      issuesOf({
        currency: 'EUR',
        components: [
          { type: 'base', perClient: 1, when: 'outcome' },
          { type: 'panel', maxShareOfBase: 0.16, scale: { min: 10, max: 0 }, scoring: { mode: 'linear' } },
        ],
      }).map((i) => i.path),
    ).toEqual(['components[0].when', 'components[1].scale.max'])
  })
})
