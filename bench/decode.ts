import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { FrameProcessor } from '../src/main/sources/douyin/frame-processor'
import { DEFAULT_FRAME_LIMITS } from '../src/main/sources/douyin/frames'
import { gunzipRange } from '../src/main/sources/douyin/gunzip'
import { framePayload, readPushFrame } from '../src/main/sources/douyin/proto/webcast-wire'
import { decodeAs, encodeAs, T, u64 } from '../src/main/sources/douyin/testing/protobuf-codec'
import type { PbPushFrame, PbResponse } from '../src/main/sources/douyin/testing/protobuf-codec'
import { buildFrame, msg, type TestMessage } from '../src/main/sources/testing/frame-builder'
import { seededRandom } from '../src/main/sources/testing/prng'
import { DOUYIN_SCHEMA } from '../src/main/sources/douyin/testing/douyin-schema'
import { heapTuned } from '../src/main/heap-flags'
import { median, ROOT, round, type BenchResult } from './harness'

/**
 * Douyin frame decoding on one thread: PushFrame → gunzip → Response → messages → events, and the
 * ACK built, on 512 synthetic frames of 1–8 messages (a seeded mix of chats, gifts, likes, members,
 * follows and stats). Compared with our JavaScript decoder alone (no WebAssembly scan: the path of
 * frames the scan leaves to it, and of processes without WebAssembly), with Node's gunzip alone on
 * the same payloads, with our own gunzip alone (what the rest of decoding adds), and with protobufjs
 * decoding every level in full (the old decoder's approach). Each figure is frames per CPU second
 * (per core), the median of 5 runs of about 1 s, taken in turns.
 */
const RUNS = 5
const RUN_MS = 1000

export function corpus(): Uint8Array[] {
  const random = seededRandom(2024)
  const id = () => String(7_181_859_941_539_000_000n + BigInt(Math.floor(random() * 1e9)))
  const user = () => ({ id: id(), nickname: `观众${Math.floor(random() * 10_000)}` })
  const kinds: (() => TestMessage)[] = [
    () => msg.chat(id(), user(), '主播好，今天播多久呀'),
    () => msg.chat(id(), user(), '这个怎么买[比心]'),
    () => msg.chat(id(), user(), '666666'),
    () =>
      msg.gift(id(), {
        user: user(),
        giftId: '463',
        name: '小心心',
        groupId: id(),
        repeatCount: 1 + Math.floor(random() * 9)
      }),
    () => msg.like(id(), user(), 5, 10_000 + Math.floor(random() * 1000)),
    () => msg.member(id(), user(), 1234),
    () => msg.social(id(), user(), 1),
    () => msg.userSeq(id(), 1234)
  ]
  return Array.from({ length: 512 }, (_, f) => {
    const n = 1 + Math.floor(random() * 8)
    const messages = Array.from({ length: n }, () => kinds[Math.floor(random() * kinds.length)]!())
    return buildFrame(messages, { logId: id(), needAck: true, internalExt: `seq:${f}` })
  })
}

/**
 * Frames per CPU second of `step` over the corpus during one run of about `ms`: per core, and
 * nearly independent of what else the machine runs (wall-clock rates on a shared machine are not).
 */
function once(frames: Uint8Array[], step: (frame: Uint8Array) => void, ms: number): number {
  let n = 0
  const end = performance.now() + ms
  const cpu = process.cpuUsage()
  while (performance.now() < end) {
    for (let i = 0; i < 64; i++) step(frames[(n + i) % frames.length]!)
    n += 64
  }
  const used = process.cpuUsage(cpu)
  return n / ((used.user + used.system) / 1e6)
}

/** One contender: measures for about `ms` and returns frames per CPU second. */
type Contender = (ms: number) => number

const inThread =
  (frames: Uint8Array[], step: (frame: Uint8Array) => void): Contender =>
  (ms) =>
    once(frames, step, ms)

/**
 * The contenders run in turns (warm-up, then RUNS rounds of each), so a noisy neighbour on a
 * shared machine slows all of them alike and the ratios hold; each figure is its median.
 */
function race(contenders: Contender[]): number[] {
  for (const measure of contenders) measure(300)
  const runs = contenders.map(() => [] as number[])
  for (let r = 0; r < RUNS; r++) contenders.forEach((measure, i) => runs[i]!.push(measure(RUN_MS)))
  return runs.map((xs) => Math.round(median(xs)))
}

/**
 * A Python tool's decode path on the same frames (bench/python/decode_frames.py: Google's protobuf
 * runtime, gzip.decompress), run in its own process for each turn; undefined when python3 or its
 * protobuf package (Debian: python3-protobuf) is missing.
 */
function pythonContender(
  frames: Uint8Array[]
): { measure: Contender; implementation: string; dispose: () => void } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'dv-decode-'))
  const schemaPath = join(dir, 'schema.json')
  const framesPath = join(dir, 'frames.bin')
  writeFileSync(schemaPath, JSON.stringify(DOUYIN_SCHEMA))
  writeFileSync(
    framesPath,
    Buffer.concat(frames.flatMap((f) => [Buffer.from(Uint32Array.of(f.length).buffer), f]))
  )
  const script = join(ROOT, 'bench', 'python', 'decode_frames.py')
  const call = (python: string, ms: number) => {
    const r = spawnSync(python, [script, schemaPath, framesPath, String(ms)], { encoding: 'utf8' })
    if (r.status !== 0) return undefined
    return JSON.parse(r.stdout) as { framesPerCpuSecond: number; implementation: string }
  }
  // The first Python that has the protobuf package (a pyenv shim may shadow Debian's python3).
  const candidates = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter(
    (p): p is string => p !== undefined && p !== ''
  )
  let python: string | undefined
  let probe: ReturnType<typeof call>
  for (const candidate of candidates) {
    probe = call(candidate, 100)
    if (probe !== undefined) {
      python = candidate
      break
    }
  }
  const removeFiles = () => rmSync(dir, { recursive: true, force: true })
  if (python === undefined || probe === undefined) {
    removeFiles()
    return undefined
  }
  const found = python
  const warm = probe.framesPerCpuSecond
  return {
    implementation: probe.implementation,
    // The warm-up turn reuses the probe: the script warms itself up in every run.
    measure: (ms) => (ms < RUN_MS ? warm : (call(found, ms)?.framesPerCpuSecond ?? NaN)),
    dispose: removeFiles
  }
}

export async function run(): Promise<BenchResult> {
  // Libraries are compared under Node's defaults (README); the app's flags halve gunzipSync here.
  if (heapTuned())
    throw new Error('decode must run in a process without the app heap flags (bench/run.ts)')
  const frames = corpus()
  const payloads = frames.map((f) => framePayload(readPushFrame(f)))
  const limit = { maxOutputLength: DEFAULT_FRAME_LIMITS.maxInflatedBytes }
  let sink = 0

  const processor = new FrameProcessor(() => sink++)
  const scanless = new FrameProcessor(
    () => sink++,
    Date.now,
    DEFAULT_FRAME_LIMITS,
    () => {},
    false
  )
  const python = pythonContender(frames)
  const [
    oursRate = 0,
    scanlessRate = 0,
    protobufRate = 0,
    gunzipRate = 0,
    oursGunzipRate = 0,
    pythonRate
  ] = race([
    inThread(frames, (f) => {
      const out = processor.processFrame(f)
      if (out.ack) sink += out.ack.bytes.length
    }),
    inThread(frames, (f) => {
      const out = scanless.processFrame(f)
      if (out.ack) sink += out.ack.bytes.length
    }),
    inThread(frames, (f) => {
      const frame = decodeAs<PbPushFrame>(T.PushFrame, f)
      const response = decodeAs<PbResponse>(T.Response, gunzipSync(frame.payload, limit))
      for (const m of response.messages) {
        const type = T[m.method.replace(/^Webcast/, '') as keyof typeof T]
        if (type) sink += Object.keys(decodeAs<object>(type, m.payload)).length
      }
      if (response.needAck)
        sink += encodeAs(T.PushFrame, {
          logId: u64(frame.logId),
          payloadType: 'ack',
          payload: new TextEncoder().encode(response.internalExt)
        }).length
    }),
    inThread(payloads, (p) => {
      sink += gunzipSync(p, limit).length
    }),
    // As the decoder gunzips: in WebAssembly for small payloads (read in place), else zlib.
    inThread(payloads, (p) => {
      const r = gunzipRange(p, 0, p.length, DEFAULT_FRAME_LIMITS.maxInflatedBytes, 'transient')
      sink += r.end - r.start
    }),
    ...(python ? [python.measure] : [])
  ])
  python?.dispose()
  if (processor.counters.errors > 0 || scanless.counters.errors > 0)
    throw new Error('the corpus failed to decode')
  if (processor.counters.scanned !== processor.counters.frames)
    throw new Error('the WebAssembly scan left frames of the corpus to JavaScript')
  if (sink === 0) throw new Error('nothing decoded')

  const messages = frames.reduce((n, f) => n + decodeCount(f), 0) / frames.length
  const bytes = frames.reduce((n, f) => n + f.length, 0) / frames.length
  const overGunzip = round(gunzipRate / oursRate - 1, 3)
  return {
    name: 'decode',
    rows: [
      ['decode: ours (frame → events + ACK)', oursRate, 'frames/s, one thread'],
      [
        'decode: ours, JavaScript decoder only (no scan)',
        scanlessRate,
        `frames/s (the scan ×${round(oursRate / scanlessRate, 2)})`
      ],
      [
        'decode: protobufjs full decode',
        protobufRate,
        `frames/s (ours ×${round(oursRate / protobufRate, 2)})`
      ],
      [
        'decode: gunzip alone',
        gunzipRate,
        `frames/s (decoding adds ${round(overGunzip * 100)}% over it)`
      ],
      [
        'decode: our gunzip alone (WebAssembly inflate)',
        oursGunzipRate,
        `frames/s (×${round(oursGunzipRate / gunzipRate, 2)} zlib's; the rest of decoding adds ${round((oursGunzipRate / oursRate - 1) * 100)}% over it)`
      ],
      python && pythonRate !== undefined
        ? [
            `decode: Python tool's path (protobuf ${python.implementation})`,
            pythonRate,
            `frames/s (ours ×${round(oursRate / pythonRate, 2)})`
          ]
        : ["decode: Python tool's path", 'skipped', 'needs python3 and python3-protobuf']
    ],
    results: {
      decode: {
        frames: frames.length,
        meanMessagesPerFrame: round(messages, 2),
        meanFrameBytes: Math.round(bytes),
        oursFramesPerSec: oursRate,
        oursScanlessFramesPerSec: scanlessRate,
        protobufjsFramesPerSec: protobufRate,
        gunzipFramesPerSec: gunzipRate,
        oursGunzipFramesPerSec: oursGunzipRate,
        pythonFramesPerSec: pythonRate ?? null,
        pythonImplementation: python?.implementation ?? null,
        oursOverProtobufjs: round(oursRate / protobufRate, 2),
        oursOverPython: pythonRate ? round(oursRate / pythonRate, 2) : null,
        addedOverGunzip: overGunzip
      }
    }
  }
}

function decodeCount(frame: Uint8Array): number {
  let n = 0
  new FrameProcessor(() => n++).processFrame(frame)
  return n
}
