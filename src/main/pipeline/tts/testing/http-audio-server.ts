import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FaultPlan, garbageBytes, TimerSet, type FaultMode } from './fault-plan'

/** A request as the server received it. */
export interface RecordedHttpRequest {
  method: string
  /** Path and query. */
  url: string
  headers: IncomingHttpHeaders
  query: URLSearchParams
  /** Raw body text. */
  body: string
}

/** What the route answers when nothing goes wrong. Non-2xx answers (validation errors) are sent as they are. */
export interface RouteAnswer {
  status: number
  contentType: string
  body: Uint8Array
}

/** Answers one recorded request (the fault plan is applied afterwards). */
export type HttpRoute = (request: RecordedHttpRequest) => Promise<RouteAnswer>

/** A real HTTP server on 127.0.0.1 (ephemeral port) that can be told to misbehave, see {@link FaultMode}. */
export interface HttpAudioServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string
  readonly plan: FaultPlan
  readonly requests: RecordedHttpRequest[]
  close(): Promise<void>
}

/** Starts the server; every request goes through `route`, then the plan's fault for that request. */
export async function startHttpAudioServer(route: HttpRoute): Promise<HttpAudioServer> {
  const plan = new FaultPlan()
  const requests: RecordedHttpRequest[] = []
  const timers = new TimerSet()
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = req.url ?? '/'
      const recorded: RecordedHttpRequest = {
        method: req.method ?? 'GET',
        url,
        headers: req.headers,
        query: new URL(url, 'http://127.0.0.1').searchParams,
        body: Buffer.concat(chunks).toString('utf8')
      }
      requests.push(recorded)
      const mode = plan.next()
      if (mode.kind === 'hang') return
      if (mode.kind === 'status')
        return sendAll(
          res,
          mode.status,
          'application/json',
          jsonError(mode.body ?? `fault injected: ${mode.status}`)
        )
      route(recorded).then(
        (answer) =>
          answer.status >= 300
            ? sendAll(res, answer.status, answer.contentType, answer.body)
            : sendAudio(res, answer, mode, timers),
        (err: Error) => sendAll(res, 500, 'application/json', jsonError(err.message))
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    plan,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        timers.clear()
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

function jsonError(message: string): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ error: { message } }))
}

function sendAll(res: ServerResponse, status: number, contentType: string, body: Uint8Array): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': body.byteLength })
  res.end(body)
}

async function sendAudio(
  res: ServerResponse,
  answer: RouteAnswer,
  mode: FaultMode,
  timers: TimerSet
): Promise<void> {
  const { body, contentType } = answer
  const half = body.subarray(0, Math.floor(body.byteLength / 2))
  switch (mode.kind) {
    case 'garbage':
      return sendAll(res, 200, contentType, garbageBytes(Math.max(64, body.byteLength)))
    case 'no-audio':
      return sendAll(res, 200, contentType, new Uint8Array(0))
    case 'truncate':
      if (mode.how === 'drop') {
        // The length header promises everything; the socket dies halfway.
        res.writeHead(200, { 'content-type': contentType, 'content-length': body.byteLength })
        res.write(half, () => res.socket?.destroy())
      } else {
        res.writeHead(200, { 'content-type': contentType })
        res.end(half)
      }
      return
    case 'slow': {
      res.writeHead(200, { 'content-type': contentType })
      for (let at = 0; at < body.byteLength; at += mode.chunkBytes) {
        if (res.destroyed) return
        res.write(body.subarray(at, at + mode.chunkBytes))
        await timers.wait(mode.delayMs)
      }
      if (!res.destroyed) res.end()
      return
    }
    default:
      return sendAll(res, answer.status, contentType, body)
  }
}
