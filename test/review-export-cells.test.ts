// Review of the response export's cells: every stored answer that is not a number leaves as neutralised text.
// An authored choice may carry a non-scalar value (SurveyJS takes any JSON as a choice's value, and the
// runtime matches a form's "=1+1" to the value ["=1+1"] by its text), so a stored answer can be an array:
// its cell must not reach a spreadsheet as a formula.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { parseCsv } from '../src/lib/csv.ts'
import { call, companyAnswers, episode, setupProgramme } from './helpers.ts'

describe('an answer stored as an array', () => {
  it('is written as neutralised text, never as a formula', async () => {
    const s = await setupProgramme()
    const imported = await call('POST', `/api/v1/programmes/${s.programme.id}/episodes`, {
      key: s.procurerKey,
      json: { episodes: [episode(s.providerA.id)] },
    })
    const { invitation } = imported.data.episodes[0]
    const done = await call('PUT', `/api/v1/respond/${invitation.token}`, {
      json: { answers: companyAnswers([4, 3, 2, 3, 1]), complete: true },
    })
    expect(done.status).toBe(200)
    await env.DB.prepare(
      "UPDATE responses SET answers = json_set(answers, '$.comment', json(?2)) WHERE invitation_id = ?1",
    )
      .bind(invitation.id, JSON.stringify(['=HYPERLINK("http://evil.example","x")']))
      .run()
    const res = await call<string>('GET', `/api/v1/programmes/${s.programme.id}/responses.csv`, {
      key: s.procurerKey,
    })
    expect(res.status).toBe(200)
    const parsed = parseCsv(res.data)
    if ('error' in parsed) throw new Error(parsed.error)
    const [header, row] = parsed.rows
    const cell = (name: string) => row[header.indexOf(name)]
    expect(cell('comment')).toBe(`'=HYPERLINK("http://evil.example","x")`)
    expect(cell('comment_label')).toBe(`'=HYPERLINK("http://evil.example","x")`)
  })
})
