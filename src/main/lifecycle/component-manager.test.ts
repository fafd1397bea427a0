import { describe, expect, it, vi } from 'vitest'
import { Emitter } from '../../shared/emitter'
import { waitFor } from '../testing/wait-for'
import type { Component } from './component'
import { ComponentManager, STOP_GRACE_MS } from './component-manager'

class Probe implements Component {
  readonly crash = new Emitter<Error>()
  readonly onDidCrash = this.crash.event
  failStarts = 0
  starts = 0
  stopDeadlines: number[] = []
  constructor(
    readonly id: string,
    private readonly log: string[]
  ) {}
  async start() {
    this.starts++
    if (this.failStarts > 0) {
      this.failStarts--
      throw new Error(`${this.id} cannot start`)
    }
    this.log.push(`start ${this.id}`)
  }
  async stop(deadline: number) {
    this.stopDeadlines.push(deadline)
    this.log.push(`stop ${this.id}`)
  }
}

describe('ComponentManager', () => {
  it('starts in registration order (consumers first) and stops in reverse, sharing one deadline', async () => {
    const log: string[] = []
    const m = new ComponentManager()
    const parts = ['player', 'tts', 'processing', 'listener'].map((id) => new Probe(id, log))
    parts.forEach((p) => m.register(p))
    await m.startAll()
    expect(m.status().map((s) => s.state)).toEqual(['running', 'running', 'running', 'running'])
    await m.stopAll(12345)
    expect(log).toEqual([
      'start player',
      'start tts',
      'start processing',
      'start listener',
      'stop listener',
      'stop processing',
      'stop tts',
      'stop player'
    ])
    expect(parts.map((p) => p.stopDeadlines[0])).toEqual([12345, 12345, 12345, 12345])
    expect(m.status().every((s) => s.state === 'stopped')).toBe(true)
    m.dispose()
  })

  it('a component that fails to start is retried with backoff; the others still start', async () => {
    const log: string[] = []
    const lines: string[] = []
    const m = new ComponentManager({ baseBackoffMs: 10, log: (_l, msg) => lines.push(msg) })
    const flaky = new Probe('player', log)
    flaky.failStarts = 2
    m.register(flaky)
    m.register(new Probe('listener', log))
    await m.startAll()
    expect(m.status()[0]).toMatchObject({ state: 'restarting', lastError: 'player cannot start' })
    expect(m.status()[1]!.state).toBe('running')
    await waitFor(() => m.status()[0]!.state === 'running', 'flaky component running')
    expect(flaky.starts).toBe(3)
    expect(m.status()[0]!.restarts).toBe(2)
    expect(lines[0]).toMatch(/player failed to start: player cannot start; restarting in 10 ms/)
    expect(lines[1]).toMatch(/restarting in 20 ms/)
    await m.stopAll(Date.now())
    m.dispose()
  })

  it('a crash at run time is reported and restarted; never during stop', async () => {
    const log: string[] = []
    const m = new ComponentManager({ baseBackoffMs: 5 })
    const p = new Probe('tts', log)
    m.register(p)
    await m.startAll()
    p.crash.fire(new Error('worker died'))
    expect(m.status()[0]).toMatchObject({ state: 'restarting', lastError: 'worker died' })
    await waitFor(() => m.status()[0]!.state === 'running', 'restarted')
    expect(p.starts).toBe(2)
    await m.stopAll(Date.now())
    p.crash.fire(new Error('late'))
    expect(m.status()[0]!.state).toBe('stopped')
    m.dispose()
  })
})

describe('ComponentManager stops', () => {
  it('a crash restart waits for the crashed component to stop', async () => {
    const log: string[] = []
    const m = new ComponentManager({ baseBackoffMs: 1 })
    const p = new Probe('player', log)
    let release!: () => void
    p.stop = async (deadline: number) => {
      p.stopDeadlines.push(deadline)
      log.push('stop player')
      await new Promise<void>((resolve) => (release = resolve))
      log.push('stopped player')
    }
    m.register(p)
    await m.startAll()
    p.crash.fire(new Error('process exited'))
    await new Promise((r) => setTimeout(r, 30))
    expect(p.starts).toBe(1)
    expect(m.status()[0]).toMatchObject({ state: 'restarting', lastError: 'process exited' })
    release()
    await vi.waitFor(() => expect(m.status()[0]!.state).toBe('running'))
    expect(log).toEqual(['start player', 'stop player', 'stopped player', 'start player'])
    p.stop = async () => {}
    await m.stopAll(Date.now())
    m.dispose()
  })

  it('a stop that overruns its deadline is reported and left behind, not awaited forever', async () => {
    vi.useFakeTimers()
    try {
      const lines: string[] = []
      const m = new ComponentManager({ log: (_l, msg) => lines.push(msg) })
      const hung = new Probe('player', [])
      hung.stop = () => new Promise<void>(() => {})
      m.register(hung)
      m.register(new Probe('listener', []))
      await m.startAll()
      const stopped = m.stopAll(Date.now() + 1000)
      await vi.advanceTimersByTimeAsync(1000 + STOP_GRACE_MS)
      await stopped
      expect(lines).toEqual(['player: did not stop by its deadline; left behind'])
      expect(m.status().map((s) => s.state)).toEqual(['stopped', 'stopped'])
      expect(vi.getTimerCount()).toBe(0)
      m.dispose()
    } finally {
      vi.useRealTimers()
    }
  })
})
