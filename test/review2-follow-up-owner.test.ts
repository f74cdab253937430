// Review of issue 15's follow-up wave: a programme's follow-up survey decides which outcomes its clients report
// (and so what the procurer is asked to confirm and pay). Like the survey map, it may be a built-in template, the
// programme's own survey or a shared one, never another programme's authored survey, whose owner could publish a
// new version (the follow-up always uses the latest) that asks the clients of a programme it does not run.
import { describe, expect, it } from 'vitest'
import { call, setupProgramme, unique } from './helpers.ts'

describe("a programme's follow-up survey", () => {
  it("refuses another programme's authored survey, naming followUpSurvey, and takes the programme's own", async () => {
    const mine = await setupProgramme()
    const theirs = await setupProgramme()
    const id = unique('their-followup').toLowerCase()
    const created = await call('POST', '/api/v1/surveys', {
      key: theirs.procurerKey,
      json: { id, from: 'outcome-followup' },
    })
    expect(created.status, JSON.stringify(created.data)).toBe(201)
    const published = await call('POST', `/api/v1/surveys/${id}/publish`, { key: theirs.procurerKey, json: {} })
    expect(published.status, JSON.stringify(published.data)).toBe(201)

    const patch = (pid: string, key: string) =>
      call('PATCH', `/api/v1/programmes/${pid}`, { key, json: { followUpSurvey: id, followUpDays: 92 } })
    const refused = await patch(mine.programme.id, mine.procurerKey)
    expect(refused.status, JSON.stringify(refused.data)).toBe(422)
    expect(refused.data.error.issues[0].path).toBe('followUpSurvey')
    const kept = await call('GET', `/api/v1/programmes/${mine.programme.id}`, { key: mine.procurerKey })
    expect(kept.data).toMatchObject({ followUpSurvey: 'outcome-followup', followUpDays: null })

    const own = await patch(theirs.programme.id, theirs.procurerKey)
    expect(own.status, JSON.stringify(own.data)).toBe(200)
    expect(own.data).toMatchObject({ followUpSurvey: id, followUpDays: 92 })
  })
})
