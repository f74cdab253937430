// The seed of the fee confidence and statement scenarios: a programme with two providers whose company
// clients answer as given, and a fee run over a period; and money as the dashboards print it.
import type { Json } from '../../scripts/api-client.ts'
import { api } from './api.ts'
import { answersOf } from './dashboards/data.ts'

export type FeeRunSeed = { pid: string; procurer: string; ids: { a: string; b: string }; runId: string; run: Json }

export type FeeRunPlan = {
  programme: string
  region: string
  rule: unknown
  names: { a: string; b: string }
  /** Item positions per client; null: a client who never answers. */
  answers: Record<'a' | 'b', Array<number[] | null>>
  refPrefix: string
  startedOn: string
  endedOn: string
  period: { from: string; to: string }
}

export async function seedFeeRun(base: string, admin: string, plan: FeeRunPlan): Promise<FeeRunSeed> {
  const programme = await api(base, admin, 'POST', '/programmes', {
    name: plan.programme,
    region: plan.region,
    currency: 'EUR',
    surveys: { company: 'cx-company', jobseeker: 'cx-jobseeker' },
    feeRule: plan.rule,
  })
  const procurer = (await api(base, admin, 'POST', '/keys', { role: 'procurer', programmeId: programme.id })).key
  const provider = async (name: string) =>
    (await api(base, procurer, 'POST', `/programmes/${programme.id}/providers`, { name })).id as string
  const ids = { a: await provider(plan.names.a), b: await provider(plan.names.b) }
  const clients = (['a', 'b'] as const).flatMap((p) =>
    plan.answers[p].map((answer, i) => ({ p, answer, ref: `${plan.refPrefix}-${p}-${i + 1}` })),
  )
  const { episodes } = await api(base, procurer, 'POST', `/programmes/${programme.id}/episodes`, {
    episodes: clients.map(({ p, ref }) => ({
      providerId: ids[p],
      customerType: 'company',
      externalRef: ref,
      startedOn: plan.startedOn,
      endedOn: plan.endedOn,
    })),
  })
  for (const [k, { answer }] of clients.entries())
    if (answer)
      await api(base, null, 'PUT', `/respond/${episodes[k].invitation.token}`, {
        answers: answersOf(answer),
        complete: true,
      })
  const created = await api(base, procurer, 'POST', `/programmes/${programme.id}/fee-runs`, plan.period)
  const run = await api(base, procurer, 'GET', `/fee-runs/${created.id}`)
  return { pid: programme.id, procurer, ids, runId: created.id, run }
}

export const LOCALE = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' } as const
export type Lang = keyof typeof LOCALE

/** Without the narrow and no-break spaces Intl puts in numbers. */
export const norm = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ')

export const money = (amount: string | number, lang: Lang) =>
  norm(
    new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency: 'EUR', currencyDisplay: 'code' }).format(
      Number(amount),
    ),
  )

export const num1 = (x: number, lang: Lang) =>
  norm(new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x))
