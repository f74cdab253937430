// The Worker's CPU profile through `wrangler dev`'s inspector port (the Chrome DevTools protocol's Profiler):
// profile:submit names where the time goes; bench:submit takes the Worker's own CPU from it, apart from D1's.
//
// V8 records a sample only while the Worker's isolate is running on workerd's thread. Locally the D1 database
// is another isolate (a Durable Object with SQLite) on that same thread: its SQL counts in the workerd process's
// CPU but gives the Worker's profile no samples, only a gap, as on Cloudflare, where the query runs in the
// database and a Worker's CPU time leaves out its waits. scripts/bench/cpu-probe checks this in each bench:submit.

export type CallFrame = {
  functionName: string
  url: string
  lineNumber: number
  columnNumber: number
  scriptId: string
}
export type ProfileNode = { id: number; callFrame: CallFrame }
export type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

export type Inspector = {
  call: <T>(method: string, params?: Record<string, unknown>) => Promise<T>
  close: () => void
  title: string
}

/** A minimal DevTools protocol client: numbered commands over one WebSocket, answers matched by id. */
export async function inspector(port: number): Promise<Inspector> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as Array<{
    webSocketDebuggerUrl?: string
    title?: string
  }>
  const target = targets.find((t) => t.webSocketDebuggerUrl)
  if (!target?.webSocketDebuggerUrl) throw new Error(`no debuggable Worker behind the inspector port ${port}`)
  // wrangler's inspector proxy refuses an upgrade without an Origin it knows (Node's WebSocket sends none).
  const ws = new WebSocket(target.webSocketDebuggerUrl, { headers: { Origin: 'http://127.0.0.1' } } as never)
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve(), { once: true })
    ws.addEventListener('error', () => reject(new Error('the inspector WebSocket did not open')), { once: true })
  })
  let next = 0
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  ws.addEventListener('message', (event) => {
    const msg = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } }
    const w = msg.id === undefined ? undefined : waiting.get(msg.id)
    if (!w) return
    waiting.delete(msg.id!)
    if (msg.error) w.reject(new Error(msg.error.message))
    else w.resolve(msg.result)
  })
  const call = <T>(method: string, params: Record<string, unknown> = {}): Promise<T> => {
    const id = ++next
    ws.send(JSON.stringify({ id, method, params }))
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject })
      setTimeout(() => reject(new Error(`${method}: no answer in 60 s`)), 60_000).unref()
    })
  }
  return { call, close: () => ws.close(), title: target.title ?? '' }
}

/** Starts the Profiler at `intervalUs`; the returned function stops it and hands over the profile. */
export async function startProfile(devtools: Inspector, intervalUs: number): Promise<() => Promise<Profile>> {
  await devtools.call('Profiler.enable')
  await devtools.call('Profiler.setSamplingInterval', { interval: intervalUs })
  await devtools.call('Profiler.start')
  return async () => (await devtools.call<{ profile: Profile }>('Profiler.stop')).profile
}

/**
 * The interval the sampler kept, µs: the median gap between consecutive samples, among the gaps under ten
 * requested intervals. A gap in which the isolate did not run (a D1 query, another isolate, the machine's other
 * work) is thus never lent to the sample after it.
 */
export function keptInterval(profile: Profile, intervalUs: number): number {
  const gaps = profile.timeDeltas
    .slice(1)
    .filter((d) => d < 10 * intervalUs)
    .sort((a, b) => a - b)
  return gaps.length === 0 ? 0 : gaps[gaps.length >> 1]
}

/**
 * The Worker isolate's CPU in a profile, ms: its samples other than `(idle)`, each counted as the kept interval.
 * The sampler thread also waits for a core on a busy machine and then misses samples, so the figure is a lower
 * bound: 84-86 % of a JavaScript loop's CPU in bench:submit's check.
 */
export function sampledCpuMs(profile: Profile, intervalUs: number): number {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id))
  return (profile.samples.filter((node) => !idle.has(node)).length * keptInterval(profile, intervalUs)) / 1000
}
