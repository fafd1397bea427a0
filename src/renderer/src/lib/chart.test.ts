import { describe, expect, it } from 'vitest'
import { buildSeries, chartWindow, niceMax, seriesPath, buildTypeSeries } from './chart'

describe('chart geometry', () => {
  it('rounds the scale up to 1/2/5 steps', () => {
    expect([0, 3, 6, 11, 26, 140, 999].map((v) => niceMax(v))).toEqual([
      5, 5, 10, 20, 50, 200, 1000
    ])
  })

  it('builds a series per lane seen, empty when missing, plus the message queue', () => {
    const series = buildSeries(
      [
        { at: 0, lanes: [{ priority: 2, length: 1 }], message: 4 },
        { at: 1000, lanes: [{ priority: 4, length: 2 }], message: 0 }
      ],
      60_000
    )
    expect(series.map((s) => s.key)).toEqual([4, 2, 'message'])
    expect(series[0]!.points.map((p) => p.value)).toEqual([0, 2])
    expect(series[1]!.points.map((p) => p.value)).toEqual([1, 0])
  })

  it('keeps only the window and maps time right-aligned', () => {
    const series = buildSeries(
      [0, 5000, 10_000].map((at) => ({ at, lanes: [], message: 1 })),
      5000
    )
    expect(series[0]!.points.map((p) => p.at)).toEqual([5000, 10_000])
    const d = seriesPath(series[0]!.points, {
      width: 100,
      height: 10,
      end: 10_000,
      windowMs: 5000,
      yMax: 2
    })
    expect(d).toBe('M0.0,5.0L100.0,5.0')
  })

  it('breaks the line across gaps', () => {
    const d = seriesPath(
      [
        { at: 0, value: 0 },
        { at: 1000, value: 0 },
        { at: 60_000, value: 0 }
      ],
      { width: 60, height: 10, end: 60_000, windowMs: 60_000, yMax: 5 }
    )
    expect(d.match(/M/g)).toHaveLength(2)
  })

  it('zooms to a minute until there is more history', () => {
    const at = (...ts: number[]) => ts.map((t) => ({ at: t, lanes: [], message: 0 }))
    expect(chartWindow(at(0, 30_000))).toBe(60_000)
    expect(chartWindow(at(0, 61_000))).toBe(300_000)
  })
})

describe('queue chart by event type', () => {
  it('keeps each type in its place as others appear', () => {
    const history = [
      { at: 1000, lanes: [], message: 0, types: { chat: 3 } },
      { at: 2000, lanes: [], message: 1, types: { chat: 2, gift: 1 } },
      { at: 3000, lanes: [], message: 0, types: { system: 1, chat: 1, gift: 2 } }
    ]
    const keys = (n: number) => buildTypeSeries(history.slice(0, n), 60_000).map((s) => s.key)
    expect(keys(1)).toEqual(['chat', 'message'])
    expect(keys(2)).toEqual(['gift', 'chat', 'message'])
    expect(keys(3)).toEqual(['system', 'gift', 'chat', 'message'])
    const gift = buildTypeSeries(history, 60_000).find((s) => s.key === 'gift')!
    expect(gift.points.map((p) => p.value)).toEqual([0, 1, 2])
  })
})
