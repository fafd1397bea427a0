import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SpeechEngineError } from '../tts/engines/speech-error'
import { chatCompletion, chatCompletionsUrl } from './chat-client'
import { startChatServer, type ChatServer } from './testing/chat-server'

let server: ChatServer
beforeEach(async () => {
  server = await startChatServer()
})
afterEach(async () => {
  await server.close()
})

const ask = (stream: boolean, signal = AbortSignal.timeout(5000), maxChars = 100) =>
  chatCompletion({
    endpoint: server.url,
    apiKey: 'sk-test',
    model: 'qwen2.5',
    messages: [
      { role: 'system', content: '你是助手' },
      { role: 'user', content: '"你好"' }
    ],
    stream,
    maxChars,
    signal
  })

async function failure(p: Promise<unknown>): Promise<SpeechEngineError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(err).toBeInstanceOf(SpeechEngineError)
  return err as SpeechEngineError
}

describe('chat-completions client against a real local server', () => {
  it('reads a streamed answer (SSE deltas up to [DONE])', async () => {
    server.answer = () => '欢迎来到直播间，今天唱歌！'
    expect(await ask(true)).toBe('欢迎来到直播间，今天唱歌！')
    expect(server.requests[0]).toMatchObject({
      model: 'qwen2.5',
      stream: true,
      authorization: 'Bearer sk-test'
    })
  })

  it('reads a whole JSON answer', async () => {
    server.answer = () => '好的'
    expect(await ask(false)).toBe('好的')
    expect(server.requests[0]!.stream).toBe(false)
  })

  it('stops reading a stream once the reply is long enough', async () => {
    server.answer = () => '一'.repeat(400)
    const text = await ask(true, AbortSignal.timeout(5000), 20)
    expect([...text].length).toBeGreaterThanOrEqual(20)
    expect([...text].length).toBeLessThan(400)
  })

  it('waits for a slow stream within the signal', async () => {
    server.mode = 'slow'
    server.slowMs = 50
    server.answer = () => '慢慢说的一句回答'
    expect(await ask(true)).toBe('慢慢说的一句回答')
  })

  it('a 500 is a retryable http error with the status', async () => {
    server.mode = 'error500'
    const err = await failure(ask(true))
    expect(err).toMatchObject({ kind: 'http', status: 500, retryable: true })
    expect(err.message).toContain('model crashed')
  })

  it('garbage is a protocol error', async () => {
    server.mode = 'garbage'
    expect(await failure(ask(false))).toMatchObject({ kind: 'protocol' })
    expect(await failure(ask(true))).toMatchObject({ kind: 'protocol' })
  })

  it('a hanging server is cut off by the signal as a timeout', async () => {
    server.mode = 'hang'
    const err = await failure(ask(true, AbortSignal.timeout(200)))
    expect(err.kind).toBe('timeout')
  })

  it('a refused connection is a network error', async () => {
    const url = server.url
    await server.close()
    const err = await failure(
      chatCompletion({
        endpoint: url,
        apiKey: '',
        model: 'm',
        messages: [],
        stream: true,
        maxChars: 10,
        signal: AbortSignal.timeout(2000)
      })
    )
    expect(err.kind).toBe('network')
    server = await startChatServer()
  })

  it('builds the endpoint URL from a base', () => {
    expect(chatCompletionsUrl('http://127.0.0.1:11434/v1/')).toBe(
      'http://127.0.0.1:11434/v1/chat/completions'
    )
    expect(chatCompletionsUrl('https://x.test/v1/chat/completions')).toBe(
      'https://x.test/v1/chat/completions'
    )
  })
})
