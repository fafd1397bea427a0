import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** How the server answers the next requests. */
export type ChatServerMode =
  /** Server-sent events, one delta per few characters, then `[DONE]` (when the client asks to stream). */
  | 'normal'
  /** Like `normal`, but each delta comes `slowMs` apart. */
  | 'slow'
  /** HTTP 500 with an OpenAI-style JSON error. */
  | 'error500'
  /** 200 with a body that is neither JSON nor SSE. */
  | 'garbage'
  /** Accepts the request and never answers. */
  | 'hang'

export interface ChatRequestSeen {
  model: unknown
  stream: unknown
  messages: { role: string; content: string }[]
  authorization?: string
}

export interface ChatServer {
  url: string
  mode: ChatServerMode
  slowMs: number
  /** The answer to a request (default: a fixed friendly line). */
  answer: (request: ChatRequestSeen) => string
  readonly requests: ChatRequestSeen[]
  close(): Promise<void>
}

/**
 * A real OpenAI-compatible chat-completions server on 127.0.0.1 for tests: `POST
 * /v1/chat/completions` with `{model, messages, stream}` answers JSON or, with `stream: true`,
 * server-sent events of `chat.completion.chunk` deltas ended by `data: [DONE]`. Faults by `mode`.
 */
export async function startChatServer(): Promise<ChatServer> {
  const requests: ChatRequestSeen[] = []
  const hanging = new Set<ServerResponse>()
  const state: ChatServer = {
    url: '',
    mode: 'normal',
    slowMs: 300,
    answer: () => '谢谢你的提问，我们马上就开始！',
    requests,
    close: async () => {}
  }
  const server = createServer((req, res) => void handle(req, res))
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }))
      return
    }
    let body: Record<string, unknown>
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: { message: 'body is not JSON' } }))
      return
    }
    const seen: ChatRequestSeen = {
      model: body.model,
      stream: body.stream,
      messages: body.messages as ChatRequestSeen['messages'],
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {})
    }
    requests.push(seen)
    switch (state.mode) {
      case 'hang':
        hanging.add(res)
        res.on('close', () => hanging.delete(res))
        return
      case 'error500':
        res.writeHead(500, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ error: { message: 'model crashed', type: 'server_error' } }))
        return
      case 'garbage':
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end('<html>\u0000\u00ff not a completion')
        return
    }
    const text = state.answer(seen)
    if (body.stream !== true) {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          id: 'chatcmpl-test',
          object: 'chat.completion',
          choices: [
            { index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }
          ]
        })
      )
      return
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
    const send = (delta: object) =>
      res.write(
        `data: ${JSON.stringify({ id: 'chatcmpl-test', object: 'chat.completion.chunk', choices: [{ index: 0, delta }] })}\n\n`
      )
    send({ role: 'assistant', content: '' })
    const chars = [...text]
    for (let i = 0; i < chars.length; i += 4) {
      if (state.mode === 'slow') await new Promise((r) => setTimeout(r, state.slowMs))
      if (res.destroyed) return
      send({ content: chars.slice(i, i + 4).join('') })
    }
    res.write(': keep-alive comment\n\n')
    res.end('data: [DONE]\n\n')
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  state.url = `http://127.0.0.1:${port}/v1`
  state.close = async () => {
    for (const res of hanging) res.destroy()
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
  return state
}
