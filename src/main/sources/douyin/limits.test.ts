import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { SourceEvent } from '../normalize/source-event'
import { buildFrame, msg } from '../testing/frame-builder'
import { FrameProcessor } from './frame-processor'
import { httpGet, NetworkError } from './http'

const servers: Server[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections()
    await new Promise((r) => s.close(r))
  }
})

/** A page that never ends: `chunk` bytes every `everyMs`, forever. */
async function endlessPage(chunk: number, everyMs: number) {
  let sent = 0
  let closed = false
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' })
    const block = Buffer.alloc(chunk, 0x61)
    const timer = setInterval(() => {
      sent += chunk
      res.write(block)
    }, everyMs)
    res.on('close', () => {
      closed = true
      clearInterval(timer)
    })
  })
  servers.push(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/room`,
    sent: () => sent,
    closed: () => closed
  }
}

describe('Douyin HTTP bodies are bounded', () => {
  it('a page streamed without end is cut off at the cap and the download is cancelled', async () => {
    const page = await endlessPage(64 * 1024, 1)
    const signal = new AbortController().signal
    const error = await httpGet(
      page.url,
      {},
      { timeoutMs: 60_000, signal, maxBytes: 1 << 20 }
    ).then(
      () => undefined,
      (err: unknown) => err
    )
    expect(error).toBeInstanceOf(NetworkError)
    expect((error as Error).message).toMatch(/answer larger than 1048576 bytes, cut off/)
    await expect.poll(() => page.closed()).toBe(true)
    expect(page.sent()).toBeLessThan(16 << 20)
  })

  it('a page that trickles under the cap still ends at the timeout', async () => {
    const page = await endlessPage(16, 5)
    const signal = new AbortController().signal
    await expect(httpGet(page.url, {}, { timeoutMs: 300, signal })).rejects.toThrow(/timed out/)
    await expect.poll(() => page.closed()).toBe(true)
  })
})

describe('messages per frame are bounded', () => {
  it('a frame carrying 6,000 messages: the first 5,000 are read, the excess is one counted error', () => {
    const events: SourceEvent[] = []
    const errors: string[] = []
    const p = new FrameProcessor(
      (e) => events.push(e),
      () => 1_776_584_127_911,
      undefined,
      (e) => errors.push(`${e.kind}: ${e.message}`)
    )
    const user = { id: '7123456789012345678', nickname: 'Alice' }
    const messages = Array.from({ length: 6000 }, (_, i) => msg.chat(String(i + 1), user, `m${i}`))
    p.processFrame(buildFrame(messages))
    expect(events).toHaveLength(5000)
    expect(errors).toEqual(['oversized: a frame carried 6000 messages; the first 5000 were read'])
    expect(p.counters.errorsByKind).toEqual({ oversized: 1 })
  })
})
