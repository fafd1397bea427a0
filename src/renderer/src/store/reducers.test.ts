import { describe, expect, it } from 'vitest'
import type { FeedItem } from '../../../shared/ipc/contract'
import { fakeSnapshot, fakeStatus } from '../testing/fakes'
import { mergeBySeq, mergeSamples, onLink, onNotice, onSnapshot, onTick } from './reducers'
import { initialState, LIMITS } from './state'

const item = (seq: number): FeedItem => ({ seq, type: 'chat', at: seq, text: `#${seq}` })

describe('reducers', () => {
  it('merges feeds without duplicates, in seq order, newest kept', () => {
    expect(
      mergeBySeq([item(1), item(2)], [item(2), item(4), item(3)], 10).map((i) => i.seq)
    ).toEqual([1, 2, 3, 4])
    expect(mergeBySeq([item(1), item(2)], [item(3)], 2).map((i) => i.seq)).toEqual([2, 3])
  })

  it('appends queue samples once each, in time order', () => {
    const s = (at: number) => ({ at, lanes: [], message: 0 })
    expect(mergeSamples([s(1), s(2)], [s(2), s(4), s(3), s(4)]).map((x) => x.at)).toEqual([
      1, 2, 3, 4
    ])
  })

  it('a snapshot and the first tick after it overlap without doubling the feed', () => {
    let state = initialState()
    state = { ...state, ...onSnapshot(state, fakeSnapshot({ feed: [item(1), item(2)] })) }
    state = {
      ...state,
      ...onTick(state, {
        session: state.session,
        status: fakeStatus(),
        feed: [item(1), item(2), item(3)],
        speech: [],
        sample: null
      })
    }
    expect(state.feed.map((i) => i.seq)).toEqual([1, 2, 3])
    expect(state.ready).toBe(true)
  })

  it('keeps at most LIMITS.feed events', () => {
    let state = initialState()
    for (let round = 0; round < 3; round++) {
      const feed = Array.from({ length: 60 }, (_, i) => item(round * 60 + i))
      state = {
        ...state,
        ...onTick(state, { session: state.session, status: null, feed, speech: [], sample: null })
      }
    }
    expect(state.feed).toHaveLength(LIMITS.feed)
    expect(state.feed[state.feed.length - 1]!.seq).toBe(179)
  })

  it('seeds the chart from history and extends it with tick samples', () => {
    let state = initialState()
    const sample = (at: number, length: number) => ({
      at,
      lanes: [{ priority: 2, length }],
      message: 0
    })
    state = {
      ...state,
      ...onSnapshot(state, fakeSnapshot({ history: [sample(1000, 1), sample(2000, 2)] }))
    }
    state = {
      ...state,
      ...onTick(state, {
        session: state.session,
        status: fakeStatus(),
        feed: [],
        speech: [],
        sample: sample(3000, 5)
      })
    }
    expect(state.history.map((s) => s.lanes[0]!.length)).toEqual([1, 2, 5])
  })

  it('samples rates once a second from ticks', () => {
    let state = initialState()
    for (const at of [1000, 1250, 1500, 2000, 2250, 3100]) {
      state = {
        ...state,
        ...onTick(state, {
          session: state.session,
          status: fakeStatus({ at }),
          feed: [],
          speech: [],
          sample: null
        })
      }
    }
    expect(state.rates.map((r) => r.at)).toEqual([1000, 2000, 3100])
  })

  it('forgets the lists on a new link (the server may have restarted) but not before', () => {
    const state = { ...initialState(), feed: [item(9)], ready: true }
    expect(onLink(state, 'down')).toEqual({ link: 'down' })
    expect(onLink(state, 'open')).toMatchObject({ link: 'open', ready: false, feed: [] })
  })

  it('adds each notice once', () => {
    const notice = { level: 'warn' as const, code: 'audio-device', message: 'no device', at: 5 }
    let state = initialState()
    state = { ...state, ...onNotice(state, notice) }
    state = { ...state, ...onSnapshot(state, fakeSnapshot({ notices: [notice] })) }
    expect(state.notices).toHaveLength(1)
  })
})
