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

/** n rounded down to whole groups of `group` (1: n itself). */
const whole = (n: number, group: number) => n - (n % group)

/**
 * The figures of some follow-up invitations, each count in whole groups of `group` (1 for the procurer: exact);
 * the outcomes left over from the groups count as not reached (NC), so the invitations stay exact.
 */
function figures(rows: OutcomeFacts[], group: number): FollowUpFigures {
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
  const exact = tallyOutcomes(outcomes)
  const tally = {
    I: whole(exact.I, group),
    P: whole(exact.P, group),
    R: whole(exact.R, group),
    O: whole(exact.O, group),
  }
  const invited = sum(() => true)
  return {
    invited,
    opened: whole(
      sum((r) => r.opened === 1),
      group,
    ),
    completed: whole(
      sum((r) => r.status === 'completed'),
      group,
    ),
    declined: whole(
      sum((r) => r.status === 'declined'),
      group,
    ),
    rates: aaporRates({ ...tally, NC: invited - tally.I - tally.P - tally.R - tally.O }),
  }
}

/**
 * The programme's and each provider's follow-up figures. A procurer sees every provider, every count exact; a
 * provider key only its own row, its counts in whole groups of minGroup (as the release rule gives exit answers:
 * no figure tells whether one more client answered), and no figures (null) while it has fewer follow-up
 * invitations than minGroup, nor the programme's while any provider's group is that small (it could be subtracted).
 */
export function followUpRates(
  facts: OutcomeFacts[],
  providers: Array<{ providerId: string; name: string }>,
  minGroup: number,
  audience: Audience,
  own: string | null,
) {
  const group = audience === 'procurer' ? 1 : Math.max(1, minGroup)
  const rows = providers.map((p) => ({
    ...p,
    figures: figures(
      facts.filter((f) => f.providerId === p.providerId),
      group,
    ),
  }))
  const small = (f: FollowUpFigures) => audience !== 'procurer' && f.invited > 0 && f.invited < minGroup
  return {
    programme: rows.some((r) => small(r.figures)) ? null : figures(facts, group),
    providers: rows
      .filter((r) => own === null || r.providerId === own)
      .map((r) => ({ providerId: r.providerId, name: r.name, ...(small(r.figures) ? nullFigures : r.figures) })),
  }
}

const nullFigures = { invited: null, opened: null, completed: null, declined: null, rates: null }
