// The walk-through's data: two providers, their clients (by pseudonymous reference) and how each client
// answers. Dates are relative to today so that the periods always hold them.

export const PROVIDER_A = { name: 'Kasvupolku Oy', businessId: '1234567-1' }
export const PROVIDER_B = { name: 'Toinen Polku Oy', businessId: '7654321-2' }

type Answer = Array<number | 'dontknow'> | 'decline' | null

/** Five scored items of cx-company in order. */
export const ITEMS = [
  'need_clarity',
  'employer_obligations',
  'recruitment_plan',
  'candidate_channels',
  'recruitment_decision',
]

const day = 86_400_000
export const isoDaysAgo = (n: number) => new Date(Date.now() - n * day).toISOString().slice(0, 10)

export type Client = {
  ref: string
  provider: 'a' | 'b'
  endedDaysAgo: number
  language: 'fi' | 'sv' | 'en'
  answer: Answer
}

// Provider A: high scores in two different quarters, "cannot say" on one item in 4 of
// 12 answers, one link never opened, one declined. Provider B: low scores, one link never opened.
const A_OLD: Answer[] = [
  [4, 4, 4, 4, 4],
  [4, 'dontknow', 4, 4, 3],
  [4, 4, 3, 4, 4],
  [3, 'dontknow', 4, 4, 4],
  [4, 4, 4, 3, 3],
  [4, 3, 4, 4, 4],
]
const A_NEW: Answer[] = [
  [4, 4, 4, 4, 4],
  [4, 'dontknow', 4, 4, 4],
  [3, 4, 4, 4, 4],
  [4, 4, 4, 4, 3],
  [4, 'dontknow', 3, 4, 4],
  [4, 4, 4, 4, 4],
  null,
  'decline',
]
const B_NEW: Answer[] = [
  [2, 1, 2, 1, 1],
  [1, 1, 2, 1, 1],
  [2, 2, 1, 2, 1],
  [1, 1, 1, 1, 2],
  [2, 2, 2, 2, 1],
  [1, 2, 1, 1, 1],
  null,
]

const languages = ['fi', 'sv', 'en'] as const
// Each group ends on one day, so that it never straddles a quarter boundary; the two days are 100 days
// apart, so they are always in different quarters (none is longer than 92 days), both within a year.
const RECENT = 3
const EARLIER = RECENT + 100
export const CLIENTS: Client[] = [
  ...A_OLD.map((answer, i) => ({
    ref: `KP-${String(i + 1).padStart(3, '0')}`,
    provider: 'a' as const,
    endedDaysAgo: EARLIER,
    language: languages[i % 3],
    answer,
  })),
  ...A_NEW.map((answer, i) => ({
    ref: `KP-${String(i + 7).padStart(3, '0')}`,
    provider: 'a' as const,
    endedDaysAgo: RECENT,
    language: languages[i % 3],
    answer,
  })),
  ...B_NEW.map((answer, i) => ({
    ref: `TP-${String(i + 1).padStart(3, '0')}`,
    provider: 'b' as const,
    endedDaysAgo: RECENT,
    language: languages[i % 3],
    answer,
  })),
]

export function episodesCsv(ids: { a: string; b: string }, badRow = false): string {
  const header = 'providerId,customerType,externalRef,serviceType,startedOn,endedOn,riskClass,language,email'
  const rows = CLIENTS.map((c, i) => {
    const ended = isoDaysAgo(c.endedDaysAgo)
    // The third row of the bad file ends before it starts.
    const started = badRow && i === 2 ? isoDaysAgo(c.endedDaysAgo - 3) : isoDaysAgo(c.endedDaysAgo + 30)
    return [
      ids[c.provider],
      'company',
      c.ref,
      'recruitment-coaching',
      started,
      ended,
      i % 2 ? 'A' : 'B',
      c.language,
      '',
    ].join(',')
  })
  return `${[header, ...rows].join('\n')}\n`
}

export function answersOf(a: Array<number | 'dontknow'>): Record<string, number | string> {
  return Object.fromEntries(ITEMS.map((item, i) => [item, a[i]]))
}

export const VALID_RULE = {
  currency: 'EUR',
  components: [
    { type: 'base', perClient: 1000 },
    { type: 'quality', basis: 'client', perClientMax: 500, scoring: { mode: 'linear' }, nonResponse: 'zero' },
  ],
}
export const INVALID_RULE = { ...VALID_RULE, components: [{ type: 'base', perClient: -5 }, VALID_RULE.components[1]] }
export const CANDIDATE_RULE = {
  currency: 'EUR',
  components: [
    { type: 'base', perClient: 800 },
    { type: 'quality', basis: 'client', perClientMax: 900, scoring: { mode: 'linear' }, nonResponse: 'zero' },
  ],
}
export const BROKEN_CANDIDATE = {
  currency: 'EUR',
  components: [
    { type: 'base', perClient: 800 },
    { type: 'quality', basis: 'client', perClientMax: 900, scoring: { mode: 'sometimes' } },
  ],
}
