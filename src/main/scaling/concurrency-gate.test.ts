import { describe, expect, it } from 'vitest'
import { ConcurrencyGate } from './concurrency-gate'

function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

describe('ConcurrencyGate', () => {
  it('holds tasks beyond the limit and releases them when raised', async () => {
    const gate = new ConcurrencyGate(1)
    const d = [deferred(), deferred(), deferred()]
    const started: number[] = []
    const runs = d.map((x, i) => gate.run(async () => (started.push(i), await x.promise, i)))
    await Promise.resolve()
    expect(started).toEqual([0])
    expect(gate.waiting).toBe(2)
    gate.limit = 3
    expect(started).toEqual([0])
    await new Promise((r) => setImmediate(r))
    expect(started).toEqual([0, 1, 2])
    d.forEach((x) => x.resolve())
    expect(await Promise.all(runs)).toEqual([0, 1, 2])
    expect(gate.active).toBe(0)
  })

  it('lowering the limit lets running tasks finish and holds new ones', async () => {
    const gate = new ConcurrencyGate(2)
    const a = deferred()
    const b = deferred()
    const ra = gate.run(() => a.promise)
    const rb = gate.run(() => b.promise)
    gate.limit = 1
    let cStarted = false
    const rc = gate.run(async () => void (cStarted = true))
    a.resolve()
    await ra
    await new Promise((r) => setImmediate(r))
    expect(cStarted).toBe(false)
    b.resolve()
    await Promise.all([rb, rc])
    expect(cStarted).toBe(true)
  })

  it('rejects a bad limit with a clear message', () => {
    expect(() => new ConcurrencyGate(0)).toThrow(/integer from 1 and up, got 0/)
    const gate = new ConcurrencyGate(1)
    expect(() => (gate.limit = 1.5)).toThrow(TypeError)
  })
})

describe('concurrency gate: acquire, abort, dispose', () => {
  it('admits up to the limit, hands slots over in FIFO order, and lets waiters leave', async () => {
    const gate = new ConcurrencyGate(1)
    const order: number[] = []
    const first = await gate.acquire()
    const second = gate.acquire().then((release) => (order.push(2), release))
    const leaving = new AbortController()
    const third = gate.acquire(leaving.signal)
    const fourth = gate.acquire().then((release) => (order.push(4), release))
    expect(gate.waiting).toBe(3)
    leaving.abort(new Error('gave up'))
    await expect(third).rejects.toThrow('gave up')
    first()
    first() // idempotent
    ;(await second)()
    ;(await fourth)()
    expect(order).toEqual([2, 4])
    expect(gate.active).toBe(0)
  })

  it('rejects waiters on dispose and validates its limit', async () => {
    const gate = new ConcurrencyGate(1)
    await gate.acquire()
    const waiting = gate.acquire()
    gate.dispose()
    await expect(waiting).rejects.toThrow('disposed')
    await expect(gate.acquire()).rejects.toThrow('disposed')
    expect(() => new ConcurrencyGate(0)).toThrow(TypeError)
  })
})
