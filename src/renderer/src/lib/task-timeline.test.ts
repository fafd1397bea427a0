import { describe, expect, it } from 'vitest'
import type { TaskRecord } from '../../../shared/tasks'
import { mergeTaskHistory, span, timelineBars } from './task-timeline'

const rec = (over: Partial<TaskRecord>): TaskRecord => ({
  id: 1,
  pool: 'tts',
  attempt: 1,
  state: 'done',
  queuedAt: 0,
  ...over
})

describe('task timeline geometry', () => {
  it('places wait and run inside the window', () => {
    const [bar] = timelineBars(
      [rec({ queuedAt: 50_000, startedAt: 52_000, endedAt: 58_000 })],
      60_000,
      60_000
    )
    expect(bar!.waitX).toBeCloseTo(50 / 60)
    expect(bar!.waitWidth).toBeCloseTo(2 / 60)
    expect(bar!.x).toBeCloseTo(52 / 60)
    expect(bar!.width).toBeCloseTo(6 / 60)
  })

  it('runs to now while running, leaves out what ended before the window, widens tiny bars', () => {
    const bars = timelineBars(
      [
        rec({ id: 1, state: 'running', queuedAt: 99_000, startedAt: 99_000 }),
        rec({ id: 2, queuedAt: 0, startedAt: 1, endedAt: 2 }),
        rec({ id: 3, queuedAt: 70_000, startedAt: 70_000, endedAt: 70_001 })
      ],
      100_000,
      60_000
    )
    expect(bars.map((b) => b.key)).toEqual(['tts:1:1', 'tts:3:1'])
    expect(bars[0]!.width).toBeCloseTo(1 - 59 / 60)
    expect(bars[1]!.width).toBe(0.004)
  })

  it('keeps the newest attempts, a later copy replacing an earlier one', () => {
    let h = mergeTaskHistory(new Map(), [rec({ id: 1, state: 'running' }), rec({ id: 2 })], 2)
    h = mergeTaskHistory(h, [rec({ id: 1, state: 'done' }), rec({ id: 3 })], 2)
    expect([...h.values()].map((r) => [r.id, r.state])).toEqual([
      [1, 'done'],
      [3, 'done']
    ])
    expect(span(10, 25)).toBe(15)
    expect(span(10, undefined)).toBeUndefined()
  })
})
