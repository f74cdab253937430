// The follow-up wave's response rates (docs/METHODS.md, "Follow-up surveys"): the same AAPOR outcomes as the exit
// survey's, counted over follow-up invitations only. They describe how many clients told what happened after
// the service; they never enter the quality index, a score or a fee.
import type { OutcomeFacts } from './diagnostics-facts.ts'
import { aaporRates, classifyInvitation, type ResponseRates, tallyOutcomes } from './response-rates.ts'
import type { Audience } from './scores.ts'

export type FollowUpFigures = {
  invited: number
  opened: number
  completed: number
  declined: number
  rates: ResponseRates
}

function figures(rows: OutcomeFacts[]): FollowUpFigures {
  const sum = (keep: (r: OutcomeFacts) => boolean) => rows.filter(keep).reduce((n, r) => n + r.count, 0)
  const outcomes = rows.flatMap((r) =>
    Array<ReturnType<typeof classifyInvitation>>(r.count).fill(
      classifyInvitation({
        status: r.status,
        opened: r.opened === 1,
        answeredAny: r.answeredAny === 1,
        scoredAnswered: r.scoredAnswered,
        scoredTotal: r.scoredTotal,
      }),
    ),
  )
  return {
    invited: sum(() => true),
    opened: sum((r) => r.opened === 1),
    completed: sum((r) => r.status === 'completed'),
    declined: sum((r) => r.status === 'declined'),
    rates: aaporRates(tallyOutcomes(outcomes)),
  }
}

/**
 * The programme's and each provider's follow-up figures. A procurer sees every provider; a provider key only its
 * own row, and no figures (null) while it has fewer follow-up invitations than minGroup, nor the programme's
 * while any provider's group is that small (it could be subtracted).
 */
export function followUpRates(
  facts: OutcomeFacts[],
  providers: Array<{ providerId: string; name: string }>,
  minGroup: number,
  audience: Audience,
  own: string | null,
) {
  const rows = providers.map((p) => ({ ...p, figures: figures(facts.filter((f) => f.providerId === p.providerId)) }))
  const small = (f: FollowUpFigures) => audience !== 'procurer' && f.invited > 0 && f.invited < minGroup
  return {
    programme: rows.some((r) => small(r.figures)) ? null : figures(facts),
    providers: rows
      .filter((r) => own === null || r.providerId === own)
      .map((r) => ({ providerId: r.providerId, name: r.name, ...(small(r.figures) ? nullFigures : r.figures) })),
  }
}

const nullFigures = { invited: null, opened: null, completed: null, declined: null, rates: null }
