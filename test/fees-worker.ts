// The Worker as bench:fees runs it: src/index.ts unchanged (requests pass straight through), plus routes under
// /api/v1/__bench/ that only this entry has, to tell the Worker's own CPU from local D1's. While recording is
// on, each request's D1 calls are kept (test/recorded-d1.ts); a replay sends one request's calls to
// REPLAY_DB, a fresh copy of the seeded database that bench:fees puts in place before starting the server.
// Only ever run locally by bench:fees (wrangler dev on loopback).
import type { Bindings } from '../src/env.ts'
import worker from '../src/index.ts'
import { type D1Call, type ReplayMode, recordingD1, replay } from './recorded-d1.ts'

type Env = Bindings & { REPLAY_DB: D1Database }

const PREFIX = '/api/v1/__bench/'
let recording = false
/** One list of D1 calls per request made while recording was on. */
const recorded: D1Call[][] = []
/** The bytes of each answer in the last real replay. */
const answered: number[] = []

async function bench(url: URL, env: Env): Promise<Response> {
  switch (url.pathname.slice(PREFIX.length)) {
    case 'record':
      recording = url.searchParams.get('on') === '1'
      return Response.json({ recording, requests: recorded.length })
    case 'replay': {
      const calls = recorded[Number(url.searchParams.get('request'))]
      if (!calls) return Response.json({ error: 'no such recorded request' }, { status: 404 })
      return Response.json(await replay(env.REPLAY_DB, calls, url.searchParams.get('mode') as ReplayMode, answered))
    }
    case 'forget':
      recorded.length = 0
      return Response.json({ requests: 0 })
    case 'stored': {
      // What a fee run stored, in both databases: the replay wrote the same rows.
      const sql = `SELECT count(*) AS providers, sum(total_cents) AS cents, sum(length(statement) + length(lines)) AS bytes
                   FROM fee_run_providers WHERE run_id = ?`
      const run = url.searchParams.get('run')
      const [db, replayed] = await Promise.all([
        env.DB.prepare(sql).bind(run).first(),
        env.REPLAY_DB.prepare(sql).bind(run).first(),
      ])
      return Response.json({ db, replayed })
    }
  }
  return Response.json({ error: 'no such bench route' }, { status: 404 })
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url)
    if (url.pathname.startsWith(PREFIX)) return bench(url, env)
    if (!recording) return worker.fetch(request, env, ctx)
    const calls: D1Call[] = []
    recorded.push(calls)
    return worker.fetch(request, { ...env, DB: recordingD1(env.DB, calls) }, ctx)
  },
  scheduled: worker.scheduled,
} satisfies ExportedHandler<Env>
