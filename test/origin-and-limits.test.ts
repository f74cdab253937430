import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it, vi } from 'vitest'
import { linkSettings } from '../src/app/deps.ts'
import { runDelivery } from '../src/delivery/job.ts'
import type { Outgoing } from '../src/delivery/senders.ts'
import { ApiError, errorBody, MAX_ISSUES } from '../src/http/errors.ts'
import { app } from '../src/index.ts'
import { deliveryOrigin, fillOrigin, isLoopbackHost, publicOrigin } from '../src/lib/links.ts'
import { parseFeeRule } from '../src/schemas/fee-rule.ts'
import { ADMIN, call, episode, setupProgramme } from './helpers.ts'

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

describe('keyed responses and exports', () => {
  it('all carry Cache-Control: no-store, errors and refusals too', async () => {
    const s = await setupProgramme({ feeRule: { currency: 'EUR', components: [{ type: 'base', perClient: 100 }] } })
    const pid = s.programme.id
    const run = await call('POST', `/api/v1/programmes/${pid}/fee-runs`, {
      key: s.procurerKey,
      json: { from: '2026-01-01', to: '2026-12-31' },
    })
    expect(run.status).toBe(201)
    const requests: Array<[string, string, string | undefined, unknown?]> = [
      ['GET', '/api/v1/me', s.keyA],
      ['GET', '/api/v1/programmes', s.procurerKey],
      ['GET', `/api/v1/programmes/${pid}`, s.keyA],
      ['GET', `/api/v1/programmes/${pid}/providers`, s.keyA],
      ['POST', `/api/v1/programmes/${pid}/providers`, s.procurerKey, { name: 'Uusi Oy' }],
      ['POST', `/api/v1/programmes/${pid}/providers`, s.procurerKey, { name: '' }],
      ['GET', `/api/v1/programmes/${pid}/episodes`, s.procurerKey],
      ['GET', `/api/v1/programmes/${pid}/scores?from=2026-01-01&to=2026-12-31`, s.procurerKey],
      ['GET', `/api/v1/keys?programmeId=${pid}`, s.procurerKey],
      ['GET', `/api/v1/audit?programmeId=${pid}`, s.procurerKey],
      ['GET', `/api/v1/fee-runs/${run.data.id}`, s.procurerKey],
      ['GET', `/api/v1/fee-runs/${run.data.id}/statement.csv`, s.procurerKey],
      ['GET', `/api/v1/fee-runs/${run.data.id}/lines.csv`, s.keyA],
      ['GET', '/api/v1/episodes/epi_0000', s.procurerKey],
      ['GET', `/api/v1/programmes/${pid}/nothing-here`, ADMIN],
      ['GET', '/api/v1/programmes', 'not-a-key'],
      ['GET', '/api/v1/programmes', undefined],
    ]
    const seen: Array<[string, number, string | null]> = []
    for (const [method, path, key, json] of requests) {
      const res = await call(method, path, { key, json })
      seen.push([`${method} ${path}`, res.status, res.headers.get('cache-control')])
    }
    expect(seen.map(([, status]) => status)).toEqual([
      200, 200, 200, 200, 201, 422, 200, 200, 200, 200, 200, 200, 200, 404, 404, 401, 401,
    ])
    expect(seen.filter(([, , cache]) => cache !== 'no-store')).toEqual([])
    const csv = await call('GET', `/api/v1/fee-runs/${run.data.id}/statement.csv`, { key: s.keyA })
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(csv.headers.get('cache-control')).toBe('no-store')
    // Public, keyless reads stay cacheable.
    expect((await call('GET', '/api/v1/openapi.json')).headers.get('cache-control')).toBe('public, max-age=300')
  })
})

describe('outcome names and risk classes', () => {
  const result = (outcome: string, byRiskClass?: Record<string, number>) => ({
    currency: 'EUR',
    components: [{ type: 'result', outcome, perClient: 100, ...(byRiskClass ? { byRiskClass } : {}) }],
  })
  const refused = [
    '=HYPERLINK("http://x","y")',
    '+1',
    '-2',
    '@SUM(A1)',
    ' =1',
    '<b>x</b>',
    'a\nb',
    'x; DROP TABLE episodes',
  ]

  it('in fee rules are plain text, like names', () => {
    expect(parseFeeRule(result('työllistyminen', { 'A 1': 10, B: 20 }), 'EUR').ok).toBe(true)
    for (const bad of refused) {
      const outcome = parseFeeRule(result(bad), 'EUR')
      expect(outcome.ok, bad).toBe(false)
      if (!outcome.ok) expect(outcome.issues.map((i) => i.path)).toEqual(['components[0].outcome'])
      const risk = parseFeeRule(result('recruitment', { [bad]: 10 }), 'EUR')
      expect(risk.ok, bad).toBe(false)
      if (!risk.ok) {
        expect(risk.issues).toHaveLength(1)
        expect(risk.issues[0].path).toBe(`components[0].byRiskClass[${JSON.stringify(bad)}]`)
        expect(risk.issues[0].message).toMatch(/is not a risk class name: must/)
      }
    }
  })

  it('are refused through the API: fee rules and outcome records', async () => {
    const s = await setupProgramme()
    const put = (rule: unknown) =>
      call('PUT', `/api/v1/programmes/${s.programme.id}/fee-rule`, { key: s.procurerKey, json: rule })
    const formula = await put(result('=cmd|"/c calc"!A1'))
    expect(formula.status).toBe(422)
    expect(formula.data.error.issues[0].message).toMatch(/spreadsheet formula/)
    const markup = await put(result('recruitment', { '<img src=x onerror=alert(1)>': 10 }))
    expect(markup.status).toBe(422)
    expect(markup.data.error.issues[0].message).toMatch(/without HTML tags/)
    expect((await put(result('recruitment', { A: 10 }))).status).toBe(201)

    const created = await call('POST', `/api/v1/programmes/${s.programme.id}/episodes`, {
      key: s.procurerKey,
      json: { episodes: [episode(s.providerA.id)] },
    })
    const eid = created.data.episodes[0].id
    for (const type of refused) {
      const res = await call('POST', `/api/v1/episodes/${eid}/outcomes`, {
        key: s.procurerKey,
        json: { type, occurredOn: '2026-03-01' },
      })
      expect(res.status, type).toBe(422)
      expect(res.data.error.issues[0].path).toBe('type')
    }
    const ok = await call('POST', `/api/v1/episodes/${eid}/outcomes`, {
      key: s.procurerKey,
      json: { type: 'recruitment', occurredOn: '2026-03-01' },
    })
    expect(ok.status).toBe(201)
  })
})

/** The Worker with PUBLIC_BASE_URL unset (and other vars overridden), at any host. */
async function callAs(
  origin: string,
  vars: Record<string, string | undefined>,
  method: string,
  path: string,
  opts: { key: string; json?: unknown },
) {
  const ctx = createExecutionContext()
  const res = await app.fetch(
    new Request(`${origin}${path}`, {
      method,
      headers: { authorization: `Bearer ${opts.key}`, 'content-type': 'application/json' },
      body: opts.json === undefined ? undefined : JSON.stringify(opts.json),
    }),
    { ...env, PUBLIC_BASE_URL: undefined, ...vars },
    ctx,
  )
  await waitOnExecutionContext(ctx)
  return { status: res.status, data: JSON.parse(await res.text()) }
}

const queued = (invitationId: string) =>
  env.DB.prepare("SELECT id, status, body FROM outbox WHERE invitation_id = ?1 AND status = 'pending' ORDER BY kind")
    .bind(invitationId)
    .all<{ id: string; status: string; body: string }>()
    .then((r) => r.results)

describe('links from a trusted origin', () => {
  it('publicOrigin: PUBLIC_BASE_URL, else only a loopback request origin, else null', () => {
    const unset = {}
    expect(publicOrigin({ PUBLIC_BASE_URL: 'https://laatu.example.fi/' }, 'http://evil.example/x')).toBe(
      'https://laatu.example.fi',
    )
    for (const local of ['http://127.0.0.1:8787', 'http://127.3.2.1', 'http://localhost:9000', 'http://[::1]:8787'])
      expect(publicOrigin(unset, `${local}/api/v1/x`), local).toBe(local)
    for (const remote of [
      'http://evil.example',
      'https://127.0.0.1.evil.example',
      'http://localhost.evil.example',
      'http://10.0.0.1',
      'http://[::2]',
      'http://laatu.test',
    ])
      expect(publicOrigin(unset, `${remote}/api/v1/x`), remote).toBeNull()
    // not a URL: treated as unset
    expect(publicOrigin({ PUBLIC_BASE_URL: 'laatu.example.fi' }, 'http://evil.example/')).toBeNull()
    expect(publicOrigin({ PUBLIC_BASE_URL: 'javascript:alert(1)' }, 'http://evil.example/')).toBeNull()
    expect(isLoopbackHost(new URL('http://127.1/').hostname)).toBe(true)
  })

  it('deliveryOrigin: PUBLIC_BASE_URL; without it only the log sender runs, on a loopback origin', () => {
    expect(deliveryOrigin({ PUBLIC_BASE_URL: 'https://laatu.example.fi', MAIL_SENDER: 'http' })).toBe(
      'https://laatu.example.fi',
    )
    expect(deliveryOrigin({ MAIL_SENDER: 'http' })).toBeNull()
    expect(deliveryOrigin({ MAIL_SENDER: 'cloudflare' }, 'http://127.0.0.1:8787/dev/mailbox')).toBeNull()
    expect(deliveryOrigin({ MAIL_SENDER: 'log' })).toBe('http://127.0.0.1:8787')
    expect(deliveryOrigin({}, 'http://localhost:9999/dev/mailbox/deliver')).toBe('http://localhost:9999')
    expect(deliveryOrigin({ MAIL_SENDER: 'log' }, 'http://evil.example/dev/mailbox')).toBe('http://127.0.0.1:8787')
  })

  it('a Host header cannot put its origin into a queued invitation or an import response', async () => {
    const s = await setupProgramme()
    const res = await callAs('http://evil.example', {}, 'POST', `/api/v1/programmes/${s.programme.id}/episodes`, {
      key: s.procurerKey,
      json: { episodes: [episode(s.providerA.id, { contact: { email: 'target@example.fi' } })] },
    })
    expect(res.status).toBe(201)
    const invitation = res.data.episodes[0].invitation
    expect(invitation.token).toMatch(/^[\w-]{43}$/)
    // null once the import route calls publicOrigin(env, url); until then a relative link
    expect([null, `/s/${invitation.token}`]).toContain(invitation.url)
    const messages = await queued(invitation.id)
    expect(messages).toHaveLength(2)
    for (const m of messages) {
      expect(m.body).not.toContain('evil.example')
      expect(m.body).toContain(`{{origin}}/s/${invitation.token}`)
    }

    // Re-issue through the same Host: same result.
    const re = await callAs(
      'http://evil.example',
      {},
      'POST',
      `/api/v1/episodes/${res.data.episodes[0].id}/invitation`,
      {
        key: s.procurerKey,
      },
    )
    expect(re.status).toBe(201)
    expect([null, `/s/${re.data.token}`]).toContain(re.data.url)
    const requeued = await queued(invitation.id)
    expect(requeued.map((m) => m.body.includes(`{{origin}}/s/${re.data.token}`))).toEqual([true, true])

    // A deployed sender with PUBLIC_BASE_URL unset sends nothing and leaves the messages queued...
    const sent: Outgoing[] = []
    const capture = async (m: Outgoing) => void sent.push(m)
    const soon = new Date(Date.parse(re.data.issuedAt) + 60_000).toISOString()
    const origin = deliveryOrigin({ ...env, PUBLIC_BASE_URL: undefined, MAIL_SENDER: 'http' })
    expect(origin).toBeNull()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      const held = await runDelivery(env.DB, soon, capture, origin, linkSettings(env))
      expect(held.held).toBeGreaterThanOrEqual(1)
      // ...says why, once, in the log an operator reads...
      expect(warn).toHaveBeenCalledOnce()
      expect(warn.mock.calls[0][0]).toMatch(/due message\(s\) left queued: PUBLIC_BASE_URL is not set/)
    } finally {
      warn.mockRestore()
    }
    expect(sent).toEqual([])
    expect(await queued(invitation.id)).toHaveLength(2)
    // ...and once it is set, the links point there.
    await runDelivery(
      env.DB,
      soon,
      capture,
      deliveryOrigin({ PUBLIC_BASE_URL: 'https://laatu.example.fi' }),
      linkSettings(env),
    )
    const mine = sent.filter((m) => m.recipient === 'target@example.fi')
    expect(mine).toHaveLength(1)
    expect(mine[0].body).toContain(`https://laatu.example.fi/s/${re.data.token}`)
    expect(mine[0].body).not.toContain('{{origin}}')
  })

  it('a loopback request still gets its own origin in the import response (local development)', async () => {
    const s = await setupProgramme()
    const res = await callAs('http://127.0.0.1:8787', {}, 'POST', `/api/v1/programmes/${s.programme.id}/episodes`, {
      key: s.procurerKey,
      json: { episodes: [episode(s.providerA.id)] },
    })
    const invitation = res.data.episodes[0].invitation
    expect(invitation.url).toBe(`http://127.0.0.1:8787/s/${invitation.token}`)
  })

  it('fillOrigin fills every link of a queued text', () => {
    expect(fillOrigin('a {{origin}}/s/x b {{origin}}/s/x', 'https://l.fi')).toBe(
      'a https://l.fi/s/x b https://l.fi/s/x',
    )
  })
})
