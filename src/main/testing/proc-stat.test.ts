import { spawn } from 'node:child_process'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from './paths'
import { readProcStat } from './proc-stat'

describe.runIf(process.platform === 'linux')('readProcStat (Linux /proc)', () => {
  it('reads fields by their proc(5) numbers', () => {
    const stat = readProcStat('/proc/self/stat')!
    expect(stat.field(1)).toBe(process.pid)
    expect(stat.field(4)).toBe(process.ppid)
    expect(stat.state).toBe('R')
  })

  it('reads past a program name holding spaces and parentheses', async () => {
    const scratch = tempDir()
    try {
      const program = join(scratch.dir, 'a) (b c')
      copyFileSync('/bin/sleep', program)
      const child = spawn(program, ['5'], { stdio: 'ignore' })
      await new Promise((r) => child.once('spawn', r))
      const stat = readProcStat(`/proc/${child.pid}/stat`)!
      child.kill()
      expect(stat.comm).toBe('a) (b c')
      expect(stat.field(1)).toBe(child.pid)
      expect(stat.field(4)).toBe(process.pid)
    } finally {
      scratch.cleanup()
    }
  })

  it('says nothing for a process that is gone', () => {
    expect(readProcStat('/proc/0/stat')).toBeUndefined()
  })
})
