import { randomUUID } from 'node:crypto'
import WebSocket from 'ws'
import type { AudioClip } from '../../../../shared/speech'
import type { EdgeSettings } from '../../../../shared/tts-engine-settings'
import type { TtsEngine } from '../engine'
import { concatBytes } from './audio-decoding'
import { CallScope, type AbortableSynthesisRequest } from './call-scope'
import {
  buildSsml,
  EDGE_PATHS,
  edgeConnectUrl,
  edgeTimestamp,
  parseBinaryMessage,
  parseTextMessage,
  secMsGec,
  speechConfigMessage,
  ssmlMessage
} from './edge-protocol'
import { decodeMp3 } from './mp3-decoding'
import { abortedError, SpeechEngineError } from './speech-error'

/** Options of {@link EdgeTtsEngine}: the `tts.engines.edge` settings, plus a clock for the GEC token. */
export type EdgeTtsEngineOptions = Omit<EdgeSettings, 'maxConcurrent'> & {
  /** Wall clock for the Sec-MS-GEC token. @default Date.now */
  now?: () => number
}

/** What the Edge browser sends; the service refuses some other clients. */
const BROWSER_HEADERS = {
  'User-Agent':
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/143.0.0.0 Safari/537.36 Edg/143.0.0.0',
  Origin: 'chrome-extension://jdiccldimpdaibmpdkjnbmckianbfold',
  Pragma: 'no-cache',
  'Cache-Control': 'no-cache'
}

const hexId = () => randomUUID().replaceAll('-', '')

/**
 * Microsoft Edge read-aloud (online neural voices such as zh-CN-XiaoxiaoNeural), over its WebSocket
 * protocol with `ws`. One connection per utterance: parallel lines never wait for each other, and a
 * broken connection costs one line. The MP3 answer is decoded in-process to 16-bit PCM.
 *
 * Why not node-edge-tts (1.2.10, MIT), judged in December 2026: its API (`new EdgeTTS({voice,
 * lang, outputFormat, rate, pitch, volume, proxy, timeout}).ttsPromise(text, audioPath)`) has no
 * option for the service's address, so tests could not point it at a local server on 127.0.0.1
 * (ours takes `tts.engines.edge.url`); it writes the audio to a file where we need the bytes in
 * memory, takes no AbortSignal to cancel a line, and brings yargs for its command line. Ours
 * stays: edge-protocol.ts holds the documented message framing and is tested against a local
 * WebSocket server.
 */
export class EdgeTtsEngine implements TtsEngine {
  readonly name = 'edge'
  readonly defaultVoice: string
  readonly description: string
  readonly #calls = new CallScope(this.name)

  constructor(private readonly options: EdgeTtsEngineOptions) {
    this.defaultVoice = options.voice
    this.description = `Microsoft Edge read-aloud (online), voice ${options.voice}, ${new URL(options.url).host}`
  }

  async synthesize(request: AbortableSynthesisRequest): Promise<AudioClip> {
    const call = this.#calls.begin(this.options.timeoutMs, request.signal)
    try {
      const ssml = buildSsml({
        voice: request.voice || this.options.voice,
        text: request.text,
        rate: request.rate,
        pitch: this.options.pitch,
        volume: this.options.volume
      })
      const mp3 = await this.#exchange(ssml, call.signal)
      return await decodeMp3(this.name, mp3)
    } finally {
      call.end()
    }
  }

  /** One connection: speech.config, ssml, then audio frames until turn.end. Resolves with the MP3 bytes. */
  #exchange(ssml: string, signal: AbortSignal): Promise<Uint8Array> {
    const engine = this.name
    const o = this.options
    const url = edgeConnectUrl(o.url, {
      token: o.trustedClientToken,
      gec: secMsGec((o.now ?? Date.now)(), o.trustedClientToken),
      gecVersion: o.secMsGecVersion,
      connectionId: hexId()
    })
    const requestId = hexId()
    return new Promise<Uint8Array>((resolve, reject) => {
      const audio: Uint8Array[] = []
      let audioBytes = 0
      let settled = false
      const ws = new WebSocket(url, { headers: BROWSER_HEADERS, handshakeTimeout: o.timeoutMs })
      const finish = (err: Error | undefined, result?: Uint8Array) => {
        if (settled) return
        settled = true
        signal.removeEventListener('abort', onAbort)
        if (err) {
          ws.terminate()
          reject(err)
        } else {
          ws.close(1000)
          resolve(result!)
        }
      }
      const onAbort = () => finish(abortedError(engine, signal))
      if (signal.aborted) return onAbort()
      signal.addEventListener('abort', onAbort, { once: true })

      ws.on('unexpected-response', (req, res) => {
        const status = res.statusCode ?? 0
        const hint =
          status === 403
            ? ' (the service refused this network, or the clock/Sec-MS-GEC token is off)'
            : ''
        res.resume()
        req.destroy()
        finish(
          new SpeechEngineError(engine, 'http', `handshake refused: HTTP ${status}${hint}`, {
            status
          })
        )
      })
      ws.on('error', (err) =>
        finish(
          new SpeechEngineError(engine, 'network', `connection failed: ${err.message}`, {
            cause: err
          })
        )
      )
      ws.on('open', () => {
        const now = edgeTimestamp(new Date())
        ws.send(speechConfigMessage(o.outputFormat, now))
        ws.send(ssmlMessage(requestId, ssml, now))
      })
      ws.on('message', (data, isBinary) => {
        const bytes = toBytes(data)
        if (isBinary) {
          const message = parseBinaryMessage(bytes)
          if (!message)
            return finish(new SpeechEngineError(engine, 'protocol', 'malformed binary frame'))
          if (
            message.headers.Path !== EDGE_PATHS.audio ||
            message.headers['X-RequestId'] !== requestId
          )
            return
          audio.push(message.body)
          audioBytes += message.body.byteLength
          return
        }
        const message = parseTextMessage(new TextDecoder().decode(bytes))
        if (
          message.headers.Path !== EDGE_PATHS.turnEnd ||
          message.headers['X-RequestId'] !== requestId
        )
          return
        if (audioBytes === 0)
          return finish(new SpeechEngineError(engine, 'bad-audio', 'no audio was received'))
        finish(undefined, concatBytes(audio))
      })
      ws.on('close', (code) => {
        const words =
          audioBytes > 0
            ? `connection closed (${code}) before turn.end: audio truncated after ${audioBytes} bytes`
            : `connection closed (${code}) before any audio`
        finish(new SpeechEngineError(engine, 'network', words))
      })
    })
  }

  async dispose(): Promise<void> {
    this.#calls.dispose()
  }
}

function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return concatBytes(data)
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return data
}
