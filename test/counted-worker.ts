// The Worker with its D1 binding counted (test/counted-d1.ts): every response says in `x-d1-round-trips`
// how many D1 round trips it took. Only npm run bench:submit runs it (wrangler dev with this entry), to
// report round trips per completion honestly; the measured Worker is the plain src/index.ts.
import type { Bindings } from '../src/env.ts'
import worker from '../src/index.ts'
import { countingD1 } from './counted-d1.ts'

export default {
  async fetch(request, env, ctx) {
    const counter = { n: 0 }
    const res = await worker.fetch(request, { ...env, DB: countingD1(env.DB, counter) }, ctx)
    const out = new Response(res.body, res)
    out.headers.set('x-d1-round-trips', String(counter.n))
    return out
  },
  scheduled: worker.scheduled,
} satisfies ExportedHandler<Bindings>
