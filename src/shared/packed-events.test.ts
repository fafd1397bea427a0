import { describe, expect, it } from 'vitest'
import { seededRandom } from './settings-schema/template-syntax'
import { EVENT_TYPES, canonicalEvent, type LiveEvent } from './events'
import { packEvents, PackedEventsError, unpackEvents } from './packed-events'

/** A random event with any subset of the optional fields, ids past 2^53 included. */
function randomEvent(random: () => number, i: number): LiveEvent {
  const maybe = () => random() < 0.5
  const text = () =>
    ['', '主播好', '[比心]', 'a\u0000b', '😀', '{content}'][Math.floor(random() * 6)]!
  const event: LiveEvent = {
    type: EVENT_TYPES[Math.floor(random() * EVENT_TYPES.length)]!,
    id: String(7_300_000_000_000_000_001n + BigInt(i)),
    ts: maybe() ? 0 : 1_764_000_000_000 + i
  }
  if (maybe()) event.roomId = '7320000000000000001'
  if (maybe()) {
    event.user = { id: String(3_800_000_000_000_000_001n + BigInt(i)), nickname: text() }
    if (maybe()) event.user.masked = true
    if (maybe()) event.user.fansClubLevel = Math.floor(random() * 30)
  }
  if (maybe()) event.content = text()
  if (maybe()) {
    event.gift = { id: '463', name: text(), count: 1 + Math.floor(random() * 99) }
    if (maybe()) event.gift.diamonds = Math.floor(random() * 30_000)
  }
  if (maybe()) event.count = Math.floor(random() * 100)
  if (maybe()) event.total = Number.MAX_SAFE_INTEGER - i
  if (maybe()) event.online = 0
  return event
}

describe('packed events', () => {
  it('unpack(pack(events)) gives back every field of every event', () => {
    const random = seededRandom('packed events')
    for (let batch = 0; batch < 200; batch++) {
      const events = Array.from({ length: Math.floor(random() * 40) }, (_, i) =>
        randomEvent(random, batch * 100 + i)
      )
      const packed = packEvents(events)
      // What crosses to the thread: strings and numbers only, no object.
      expect(packed.every((v) => typeof v === 'string' || typeof v === 'number')).toBe(true)
      expect(unpackEvents(structuredClone(packed))).toEqual(events.map(canonicalEvent))
    }
  })

  it('an empty batch is one count', () => {
    expect(packEvents([])).toEqual([0])
    expect(unpackEvents([0])).toEqual([])
  })

  it('refuses what is not a packed batch, and says where', () => {
    const one = packEvents([{ type: 'chat', id: '1', ts: 0, content: '好' }])
    const refused = (value: unknown) => {
      try {
        unpackEvents(value)
      } catch (err) {
        expect(err).toBeInstanceOf(PackedEventsError)
        expect((err as PackedEventsError).code).toBe('bad-packed-events')
        return (err as Error).message
      }
      return 'accepted'
    }
    expect(refused({})).toBe('packed events: not an array')
    expect(refused([{ type: 'chat' }])).toBe('packed events: expected a number at 0')
    expect(refused([2, ...one.slice(1)])).toMatch(/expected a number at \d+/)
    expect(refused([...one, 'x'])).toBe('packed events: 1 value(s) left over')
    expect(refused(one.map((v, i) => (i === 2 ? 99 : v)))).toBe(
      'packed events: unknown event type at 2'
    )
    expect(refused(one.map((v, i) => (i === 3 ? 7 : v)))).toBe(
      'packed events: expected a string at 3'
    )
    expect(refused(one)).toBe('accepted')
  })
})
