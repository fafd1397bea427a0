import { readFileSync } from 'node:fs'

/** One /proc stat line (Linux), read by the field numbers of proc(5). */
export interface ProcStat {
  /** Field 2, the program name, without its parentheses. */
  comm: string
  /** Field 3: R, S, Z… */
  state: string
  /**
   * Numeric field `n`, 1-based as proc(5) numbers them (1 pid, 4 ppid, 14 utime, 15 stime, 19
   * nice…); field 2 is `comm`.
   */
  field(n: number): number
}

/**
 * Reads `/proc/<pid>/stat` or `/proc/self/task/<tid>/stat`. The name may hold spaces and
 * parentheses, so the fields are split after its last ')'. Undefined when the file cannot be read:
 * the process or thread has ended, or this is not Linux.
 */
export function readProcStat(path: string): ProcStat | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
  const close = text.lastIndexOf(')')
  // After "pid (comm) " the first field is number 3.
  const rest = text.slice(close + 2).split(' ')
  const open = text.indexOf('(')
  return {
    comm: text.slice(open + 1, close),
    state: rest[0]!,
    field: (n) => (n === 1 ? Number(text.slice(0, open)) : n >= 3 ? Number(rest[n - 3]) : NaN)
  }
}
