// Processes read from /proc (Linux): descendants, names, CPU time and memory of the Worker's workerd.
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

function statFields(pid: number): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // comm may contain spaces: the fields after it start past the last ')'.
    const close = text.lastIndexOf(')')
    return [text.slice(text.indexOf('(') + 1, close), ...text.slice(close + 2).split(' ')]
  } catch {
    return null
  }
}

export function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')
  } catch {
    return ''
  }
}

export function processName(pid: number): string {
  return statFields(pid)?.[0] ?? ''
}

/** Every live descendant of a process, from /proc's parent links. */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const f = statFields(Number(entry))
    if (!f) continue
    const ppid = Number(f[2]) // fields: comm, state, ppid, ...
    const list = children.get(ppid) ?? []
    list.push(Number(entry))
    children.set(ppid, list)
  }
  const out: number[] = []
  const stack = [...(children.get(pid) ?? [])]
  while (stack.length > 0) {
    const p = stack.pop()!
    out.push(p)
    stack.push(...(children.get(p) ?? []))
  }
  return out
}

const CLK_TCK = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })
  const n = Number(r.stdout?.trim())
  return Number.isFinite(n) && n > 0 ? n : 100
})()

/** User + system CPU milliseconds used so far by these processes (all their threads). */
export function cpuMs(pids: number[]): number {
  let ticks = 0
  for (const pid of pids) {
    const f = statFields(pid)
    if (!f) continue
    // utime and stime are fields 14 and 15 of /proc/<pid>/stat; here comm is index 0 (field 2).
    ticks += Number(f[12]) + Number(f[13])
  }
  return (ticks * 1000) / CLK_TCK
}

/** Resident memory of these processes in MB (VmRSS from /proc). */
export function rssMb(pids: number[]): number {
  let kb = 0
  for (const pid of pids) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
      if (m) kb += Number(m[1])
    } catch {
      // gone
    }
  }
  return kb / 1024
}
