import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../testing/paths'
import { forkPlayer, type PlayerChannel } from './player-launcher'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((f) => f()))

describe('forkPlayer', () => {
  it('a send to a player that has just died is dropped, never an unhandled error', async () => {
    const dir = tempDir()
    cleanups.push(dir.cleanup)
    const file = join(dir.dir, 'idle-player.cjs')
    // Stays alive until killed, answering each message.
    writeFileSync(file, "process.on('message', (m) => process.send({ echo: m }))\n")
    const channel: PlayerChannel = forkPlayer(file, process.env)
    const echoed = new Promise((resolve) => channel.onMessage(resolve))
    channel.send('hello')
    expect(await echoed).toEqual({ echo: 'hello' })
    const exited = new Promise((resolve) => channel.onExit((code, signal) => resolve(signal)))

    channel.kill()
    // Hold the event loop until the child is surely gone, so Node has not yet seen the pipe
    // close (`connected` is still true) and the writes below hit a dead pipe (EPIPE).
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300)
    for (let i = 0; i < 20; i++) channel.send({ type: 'play', i })

    expect(await exited).toBe('SIGKILL')
    // The process is still here: an unhandled 'error' event would have failed this test run.
    await new Promise((r) => setTimeout(r, 50))
  })
})
