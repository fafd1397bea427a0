import { describe, expect, it } from 'vitest'
import { parseLiveEvent } from './events'

describe('parseLiveEvent', () => {
  it('accepts the model and keeps 64-bit ids as strings', () => {
    const line =
      '{"type":"gift","id":"7438210000000000631","ts":1795176000652,"roomId":"7438209988776655443","user":{"id":"3819204755102937","nickname":"小橘子"},"gift":{"id":"10001","name":"小心心","count":5,"diamonds":1}}'
    const r = parseLiveEvent(JSON.parse(line))
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.event.id).toBe('7438210000000000631')
    expect(r.event.roomId).toBe('7438209988776655443')
    expect(JSON.stringify(r.event)).toBe(line)
  })

  it('names the bad field', () => {
    expect(parseLiveEvent({ type: 'shout', id: '1', ts: 1 })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^type:/)
    })
    expect(parseLiveEvent({ type: 'chat', id: 1, ts: 1 })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^id:/)
    })
    expect(parseLiveEvent({ type: 'chat', id: '1', ts: 'now' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^ts:/)
    })
    expect(
      parseLiveEvent({ type: 'gift', id: '1', ts: 1, gift: { id: '1', name: 'x', count: 0 } })
    ).toMatchObject({ ok: false, error: expect.stringMatching(/^gift:/) })
    expect(parseLiveEvent({ type: 'like', id: '1', ts: 1, count: -3 })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^count:/)
    })
    expect(parseLiveEvent(null)).toMatchObject({ ok: false })
  })
})
