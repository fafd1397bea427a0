import { describe, expect, it } from 'vitest'
import { LogLimiter, safeForTerminal } from './log-limiter'

describe('LogLimiter', () => {
  it('shows a few lines of each kind per second and sums up the rest', () => {
    let now = 0
    const printed: string[] = []
    const limiter = new LogLimiter(
      (l) => printed.push(l),
      { perKind: 3, total: 10 },
      () => now
    )
    for (let i = 0; i < 12_348; i++) limiter.log(`[warn] session.jsonl:${i}: skipped a bad line`)
    limiter.log('[error] something else')
    expect(printed).toEqual([
      '[warn] session.jsonl:0: skipped a bad line',
      '[warn] session.jsonl:1: skipped a bad line',
      '[warn] session.jsonl:2: skipped a bad line',
      '[error] something else'
    ])
    now = 1000
    limiter.log('[info] next second')
    expect(printed.slice(4)).toEqual([
      '… and 12,345 more like this: [warn] session.jsonl:0: skipped a bad line',
      '[info] next second'
    ])
    limiter.flush()
    expect(printed).toHaveLength(6)
  })

  it('caps all kinds together too', () => {
    const printed: string[] = []
    const limiter = new LogLimiter(
      (l) => printed.push(l),
      { perKind: 100, total: 5 },
      () => 0
    )
    for (let i = 0; i < 50; i++) limiter.log(`kind ${'abcdefghij'[i % 10]} line`)
    expect(printed).toHaveLength(5)
    limiter.flush()
    expect(printed.filter((l) => l.startsWith('… and'))).toHaveLength(10)
  })

  it('never sends control characters or raw bytes to the terminal; Chinese stays', () => {
    expect(safeForTerminal('弹幕\u001b[2J\u0007\u0000\u009b\ufffd\ud800x')).toBe(
      '弹幕\\x1b[2J\\x07\\x00\\x9b\\ufffd\\xd800x'
    )
    expect(safeForTerminal('😀 ok')).toBe('😀 ok')
  })
})
