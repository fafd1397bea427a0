import { describe, expect, it } from 'vitest'
import type { LiveSource, SourceContext } from '../source'
import { SourceError } from '../source'
import { TestContext } from '../testing/collector'
import { ManualClock } from '../../testing/manual-clock'
import type { SourceEvent } from './source-event'
import { withNormalization, type NormalizedStatus } from './with-normalization'

const gift = (id: string, total: number): SourceEvent => ({
  type: 'gift',
  id,
  ts: 1,
  user: { id: '1', nickname: 'a' },
  gift: { id: 'g', name: 'G', count: total },
  combo: { groupId: '7', total, comboable: true, end: false }
})

function fake(body: (ctx: SourceContext) => Promise<void>): LiveSource {
  return {
    kind: 'fake',
    run: body,
    status: () => ({ kind: 'fake', state: 'live', reconnects: 0, decodeErrors: 0 })
  }
}

describe('withNormalization', () => {
  it('flushes an open combo when the inner run ends, and reports counters', async () => {
    const source = withNormalization(
      fake(async (ctx) => {
        ctx.emit(gift('a', 1))
        ctx.emit(gift('a', 1))
        ctx.emit(gift('b', 2))
      }),
      { clock: new ManualClock(1_700_000_000_000) }
    )
    const ctx = new TestContext()
    await source.run(ctx)
    expect(ctx.events).toEqual([
      {
        type: 'gift',
        id: 'a',
        ts: 1,
        user: { id: '1', nickname: 'a' },
        gift: { id: 'g', name: 'G', count: 2 }
      }
    ])
    expect((source.status() as NormalizedStatus).normalize).toMatchObject({
      duplicates: 1,
      giftsMerged: 1
    })
  })

  it('emits nothing once aborted, even when the inner source keeps going', async () => {
    const ctx = new TestContext()
    const source = withNormalization(
      fake(async (c) => {
        c.emit({ type: 'chat', id: '1', ts: 1, content: 'x' })
        ctx.stop()
        c.emit({ type: 'chat', id: '2', ts: 1, content: 'y' })
        c.emit(gift('g1', 3))
      }),
      { clock: new ManualClock(1_700_000_000_000) }
    )
    await source.run(ctx)
    expect(ctx.events.map((e) => e.id)).toEqual(['1'])
  })

  it('announces pending gifts before passing a failure on', async () => {
    const ctx = new TestContext()
    const source = withNormalization(
      fake(async (c) => {
        c.emit(gift('g1', 3))
        throw new SourceError('x', 'boom')
      }),
      { clock: new ManualClock(1_700_000_000_000) }
    )
    await expect(source.run(ctx)).rejects.toThrow('boom')
    expect(ctx.events.map((e) => e.gift?.count)).toEqual([3])
  })
})
