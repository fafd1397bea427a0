import { readdirSync, readFileSync } from 'node:fs'
import { readProcStat } from '../src/main/testing/proc-stat'

/** RSS in MB of a process, from /proc (Linux); undefined when it is gone. */
export function rssOf(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) / 1024 : undefined
  } catch {
    return undefined
  }
}

/** Every descendant of `root` (children, grandchildren…), from /proc. */
export function descendants(root = process.pid): number[] {
  const parentOf = new Map<number, number>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    // Undefined: it exited while we looked.
    const stat = readProcStat(`/proc/${name}/stat`)
    if (stat) parentOf.set(Number(name), stat.field(4))
  }
  const out: number[] = []
  const walk = (pid: number) => {
    for (const [child, parent] of parentOf)
      if (parent === pid) {
        out.push(child)
        walk(child)
      }
  }
  walk(root)
  return out
}

/** RSS of this process and of every descendant, MB. */
export function treeRss(): { main: number; children: number; total: number } {
  const main = process.memoryUsage().rss / 2 ** 20
  const children = descendants().reduce((n, pid) => n + (rssOf(pid) ?? 0), 0)
  return { main, children, total: main + children }
}
