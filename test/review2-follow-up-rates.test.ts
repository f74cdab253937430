// Review of issue 15's follow-up rates: a provider key must not learn from them whether one more of its clients
// answered (or declined) the follow-up, which the release rule hides for the exit wave and intakeRates for the
// intake wave. Its counts come in whole groups of minGroup, the rest counted as not reached; the procurer's
// are exact.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { OutcomeFacts } from '../src/domain/diagnostics-facts.ts'
import { followUpRates } from '../src/domain/follow-up-rates.ts'

const fact = (status: OutcomeFacts['status'], count: number, opened = 1): OutcomeFacts => ({
  providerId: 'A',
  status,
  opened,
  answeredAny: status === 'completed' ? 1 : 0,
  scoredAnswered: 0,
  scoredTotal: 0,
  count,
})
const providers = [{ providerId: 'A', name: 'A' }]

describe('follow-up rates for a provider key', () => {
  it('shows six invitations with five completed as five completed and one with four as none', () => {
    const five = followUpRates([fact('completed', 5), fact('open', 1, 0)], providers, 5, 'provider', 'A')
    expect(five.providers[0]).toMatchObject({ invited: 6, completed: 5, declined: 0, opened: 5 })
    expect(five.providers[0].rates).toMatchObject({ invited: 6, rr1: 5 / 6 })
    const four = followUpRates([fact('completed', 4), fact('declined', 2)], providers, 5, 'provider', 'A')
    expect(four.providers[0]).toMatchObject({ invited: 6, completed: 0, declined: 0, opened: 5 })
    expect(four.providers[0].rates).toMatchObject({ invited: 6, rr1: 0, ref1: 0 })
    // the procurer sees every count
    const exact = followUpRates([fact('completed', 4), fact('declined', 2)], providers, 5, 'procurer', null)
    expect(exact.providers[0]).toMatchObject({ invited: 6, completed: 4, declined: 2, opened: 6 })
  })

  it('never moves a count by less than minGroup when one more client answers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (done, open) => {
        fc.pre(done + open > 0)
        const at = (d: number, o: number) =>
          followUpRates([fact('completed', d), fact('open', o, 0)], providers, 5, 'provider', 'A').providers[0]
        const [before, after] = [at(done, open + 1), at(done + 1, open)]
        if (before.completed === null || after.completed === null) return
        expect(before.completed % 5).toBe(0)
        expect(after.completed % 5).toBe(0)
        expect([0, 5]).toContain(after.completed - before.completed)
      }),
    )
  })
})
