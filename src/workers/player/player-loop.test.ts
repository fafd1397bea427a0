import { describe, expect, it } from 'vitest'
import type { PlayerCommand, PlayerReply } from '../../shared/player-protocol'
import { PlayerLoop } from './player-loop'

describe('PlayerLoop protocol', () => {
  it('answers an unknown command with an error, and keeps working', () => {
    const replies: PlayerReply[] = []
    const loop = new PlayerLoop({ sink: { kind: 'null' }, pace: 'fast', volume: 1 }, (m) =>
      replies.push(m)
    )
    loop.handle({ type: 'rewind' } as unknown as PlayerCommand)
    expect(replies).toEqual([
      { type: 'log', level: 'error', message: 'unknown player command: "rewind"' }
    ])
    loop.handle({ type: 'volume', value: 0.5 })
    expect(replies).toHaveLength(1)
  })
})
