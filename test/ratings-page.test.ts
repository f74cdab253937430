// Issue 14: every figure on the public ratings page lies inside the interval printed beside it, and the
// stars belong to that same (weighted) index. The page is rendered for a seeded programme and read back.
import { describe, expect, it } from 'vitest'
import { starsFor } from '../src/domain/quality-stats.ts'
import { call } from './helpers.ts'
import { addClient, complete, programmeWith } from './seed-scores.ts'

type Row = {
  name: string
  stars: number | null
  figure: number | null
  interval: [number, number] | null
  text: string
}

const cell = (row: string, cls: string) =>
  (row.match(new RegExp(`<td data-label="[^"]*" class="${cls}">([^<]*)</td>`)) ?? [])[1]?.trim() ?? null
const number = (s: string | null) => (s === null || s === '–' ? null : Number(s.replace(',', '.')))

/** The table rows of the page as printed: name, stars, headline figure and the interval beside it. */
function rowsOf(html: string): Row[] {
  const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'))
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) => {
    const interval = cell(row, 'interval')
    const ends = interval && interval !== '–' ? interval.split(' – ').map(number) : null
    const stars = row.match(/aria-label="[^"]*">.*?<\/span> ([\d.,]+)<\/span>/)
    return {
      name: (row.match(/<th scope="row">([^<]*)<\/th>/) ?? [])[1] ?? '',
      stars: stars ? number(stars[1]) : null,
      figure: number(cell(row, 'figure')),
      interval: ends ? [ends[0] as number, ends[1] as number] : null,
      text: row.replace(/<[^>]+>/g, ' '),
    }
  })
}

describe('the ratings page', () => {
  it('prints every headline figure inside its own interval, with the stars of the same index', async () => {
    // minGroup 3 and counts in threes so every answer is released; minResponses 3; k estimated from the data.
    const s = await programmeWith(4, 3, 3, {})
    // A: few excellent answers (the case of issue 14: the raw interval lies far above the weighted figure);
    // B: many middling ones; C: a wide spread; D: two answers, too few to release or publish.
    const answers = [
      [100, 98, 96],
      [60, 62, 58, 64, 61, 59, 63, 57, 60, 66, 54, 60, 62, 58, 65, 55, 61, 59, 60, 60, 61],
      [0, 100, 30, 90, 50, 70],
      [10, 20],
    ]
    for (const [k, indices] of answers.entries()) {
      for (const [j, index] of indices.entries()) {
        const c = await addClient(s.pid, s.ids[k], 'company', '2026-03-10')
        await complete(c, `2026-03-${String(11 + (j % 15)).padStart(2, '0')}T10:00:00.000Z`, index, index === 100)
      }
    }
    const api = await call('GET', `/api/v1/public/programmes/${s.pid}/ratings?period=2026-03`)
    expect(api.status).toBe(200)
    const page = await call<string>('GET', `/ratings/${s.pid}?period=2026-03&lang=en`)
    expect(page.status).toBe(200)
    const rows = rowsOf(page.data)
    expect(rows).toHaveLength(4)
    let checked = 0
    for (const row of rows) {
      const p = api.data.providers.find((x: { name: string }) => x.name === row.name)
      if (row.figure === null) continue
      checked++
      expect(row.interval, `${row.name} has an interval`).not.toBeNull()
      const [lower, upper] = row.interval as [number, number]
      expect(lower, `${row.name}: ${lower} <= ${row.figure}`).toBeLessThanOrEqual(row.figure)
      expect(row.figure, `${row.name}: ${row.figure} <= ${upper}`).toBeLessThanOrEqual(upper)
      // the printed figure is the weighted one and the stars come from it
      expect(row.figure).toBeCloseTo(p.qualityIndex.shrunk, 1)
      expect(row.stars).toBe(starsFor(p.qualityIndex.shrunk))
      expect(lower).toBeCloseTo(p.qualityIndex.shrunkCi95[0], 1)
      expect(upper).toBeCloseTo(p.qualityIndex.shrunkCi95[1], 1)
      // the unweighted mean is printed with its own interval, labelled as such
      const raw = (p.qualityIndex.ci95 as number[]).map((x) => x.toFixed(1))
      expect(row.text).toContain(
        `Unweighted mean ${p.qualityIndex.mean.toFixed(1)} (95 % confidence interval ${raw[0]} – ${raw[1]})`,
      )
    }
    expect(checked).toBe(3)
    // A's three answers (100, 98, 96) vary less than the programme's answers do, so its interval rests on the
    // pooled sd (issue 13; before, its narrow raw interval lay wholly above its weighted figure, issue 14).
    const a = api.data.providers.find((x: { name: string }) => x.name === rows[0].name)
    expect(a.qualityIndex.intervalBasis).toBe('programme_sd')
    expect(rows[0].text).toContain('typical spread, as these answers vary less.') // the apostrophe is escaped
    // A's 98 against the others' 59.3: p < 0.05 alone, not after Holm's correction across the three shown
    expect(a.comparison).toBe('no_different')
    expect(rows[0].text).toContain('not statistically significant once 3 providers are compared at once.')
    expect(page.data).toContain('weighted toward the programme average because of few answers')
    // k is estimated (empirical Bayes) and said in plain words
    const { estimates } = api.data.programme
    expect(estimates.priorWeightSource).toBe('empirical')
    expect(page.data).toContain(
      `The programme average now weighs as much as ${estimates.priorWeight.toFixed(1)} answers.`,
    )
    // Every comparison in words: one that is significant only before Holm's correction says so.
    for (const row of rows) {
      const test = api.data.providers.find((x: { name: string }) => x.name === row.name).comparisonTest
      const uncorrectedOnly = test !== null && test.p < 0.05 && test.pAdjusted >= 0.05
      expect(row.text.includes('not statistically significant once'), row.name).toBe(uncorrectedOnly)
    }
  })
})
