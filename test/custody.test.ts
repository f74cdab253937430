import { describe, expect, it } from 'vitest'
import { ApiError, errorBody, MAX_ISSUES } from '../src/http/errors.ts'
import { call, episode, setupProgramme } from './helpers.ts'

const issues = (n: number) => Array.from({ length: n }, (_, i) => ({ path: `x[${i}]`, message: `x[${i}]: bad` }))

describe('error lists', () => {
  it('stop at 100 issues and say how many there were', () => {
    expect(errorBody('invalid', 'm', issues(MAX_ISSUES))).toEqual({
      error: { code: 'invalid', message: 'm', issues: issues(MAX_ISSUES) },
    })
    const body = errorBody('invalid', 'm', issues(250))
    expect(body.error.issues).toHaveLength(100)
    expect(body.error).toMatchObject({ truncated: true, issueCount: 250 })
    // An ApiError keeps only the first 100 from the start, and still knows the total.
    const err = new ApiError(422, 'm', { issues: issues(12_345) })
    expect(err.issues).toHaveLength(100)
    expect(errorBody(err.code, err.message, err.issues).error).toMatchObject({ truncated: true, issueCount: 12_345 })
  })

  it('keep the answer to a 2 MB CSV of bad rows small', async () => {
    const s = await setupProgramme()
    const header = 'providerId,customerType,externalRef,serviceType,startedOn,endedOn,riskClass,language,email'
    // 5,000 rows (the most one import takes), each breaking every rule it can, 2 MB in all
    const long = `=HYPERLINK(${'x'.repeat(250)})`
    const row = `${s.providerA.id},nobody,${long},<b>${long}</b>,yesterday,tomorrow,=1+1,xx,not-an-email`
    const rows = Array.from({ length: 5000 }, () => row)
    expect(rows.join('\n').length).toBeGreaterThan(2_000_000)
    const res = await call('POST', `/api/v1/programmes/${s.programme.id}/episodes`, {
      key: s.procurerKey,
      csv: `${header}\n${rows.join('\n')}\n`,
    })
    expect(res.status, JSON.stringify(res.data).slice(0, 500)).toBe(422)
    expect(res.data.error.issues).toHaveLength(100)
    expect(res.data.error.truncated).toBe(true)
    expect(res.data.error.issueCount).toBeGreaterThan(rows.length)
    expect(JSON.stringify(res.data).length).toBeLessThan(50_000)
  })

  it('keep the answer to a CSV header of a million unknown columns small', async () => {
    const s = await setupProgramme()
    const res = await call('POST', `/api/v1/programmes/${s.programme.id}/episodes`, {
      key: s.procurerKey,
      csv: `${'x,'.repeat(1_000_000)}x\n`,
    })
    expect(res.status).toBe(422)
    expect(res.data.error).toMatchObject({ truncated: true, issueCount: 1_000_001 })
    expect(JSON.stringify(res.data).length).toBeLessThan(50_000)
  })

  it('leave a short list as it was', async () => {
    const s = await setupProgramme()
    const res = await call('POST', `/api/v1/programmes/${s.programme.id}/episodes`, {
      key: s.procurerKey,
      json: { episodes: [episode(s.providerA.id, { startedOn: 'soon' })] },
    })
    expect(res.status).toBe(422)
    expect(Object.keys(res.data.error)).toEqual(['code', 'message', 'issues'])
  })
})
