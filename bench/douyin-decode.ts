import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import { FrameProcessor } from '../src/main/sources/douyin/frame-processor'
import { buildFrame, msg } from '../src/main/sources/testing/frame-builder'

/**
 * `npx tsx bench/douyin-decode.ts`: how many Douyin push frames per second one thread decodes
 * (PushFrame → gunzip → Response → Webcast messages → events), in-process and per worker thread.
 * Prints a table and writes bench/douyin-decode.json. Each frame is a typical busy-room frame.
 */
const MEASURE_MS = 2000
const WARMUP_MS = 300

function corpus(): Uint8Array[] {
  const frames: Uint8Array[] = []
  for (let f = 0; f < 64; f++) {
    const u = (i: number) => ({
      id: `71234567890123${String(f * 100 + i).padStart(5, '0')}`,
      nickname: `观众${f}-${i}`
    })
    const id = (i: number) => `7181859941539${String(f * 100 + i).padStart(6, '0')}`
    frames.push(
      buildFrame(
        [
          msg.chat(id(1), u(1), '主播好，今天播多久呀'),
          msg.chat(id(2), u(2), '这个怎么买[比心]'),
          msg.chat(id(3), u(3), '666666'),
          msg.gift(id(4), {
            user: u(4),
            giftId: '463',
            name: '小心心',
            groupId: `16677663${f}`,
            repeatCount: f % 7
          }),
          msg.gift(id(5), {
            user: u(5),
            giftId: '685',
            name: '玫瑰',
            groupId: `16677664${f}`,
            comboCount: 2,
            groupCount: 10
          }),
          msg.like(id(6), u(6), 5, 10_000 + f),
          msg.like(id(7), u(7), 2, 10_002 + f),
          msg.member(id(8), u(8), 1234),
          msg.userSeq(id(9), 1234),
          msg.social(id(10), u(10), 1)
        ],
        {
          logId: `87263495354702${String(f).padStart(5, '0')}`,
          needAck: true,
          internalExt: `internal_src:pushserver|seq:${f}`
        }
      )
    )
  }
  return frames
}

/** Decodes frames in a loop for `ms`; returns frames decoded. */
function decodeFor(frames: Uint8Array[], ms: number): { frames: number; messages: number } {
  let messages = 0
  const p = new FrameProcessor(() => messages++)
  const end = performance.now() + ms
  let n = 0
  while (performance.now() < end) {
    for (let i = 0; i < 16; i++) p.processFrame(frames[(n + i) % frames.length]!)
    n += 16
  }
  if (p.counters.errors > 0) throw new Error('benchmark corpus failed to decode')
  return { frames: n, messages }
}

function runInWorkers(threads: number): Promise<number[]> {
  const req = createRequire(__filename)
  const code = `require(${JSON.stringify(req.resolve('tsx/cjs'))}); require(${JSON.stringify(__filename)})`
  const workers = Array.from(
    { length: threads },
    () => new Worker(code, { eval: true, workerData: { bench: true } })
  )
  let ready = 0
  // Everyone warms up first, then all measure at once, so the threads really run in parallel.
  return Promise.all(
    workers.map(
      (w) =>
        new Promise<number>((resolve, reject) => {
          w.once('error', reject)
          w.on('message', (m: { ready?: boolean; frames?: number }) => {
            if (m.ready) {
              if (++ready === threads) for (const x of workers) x.postMessage('go')
              return
            }
            resolve(m.frames!)
          })
        })
    )
  ).finally(() => workers.forEach((w) => void w.terminate()))
}

function workerMain(): void {
  const frames = corpus()
  decodeFor(frames, WARMUP_MS)
  parentPort!.once('message', () =>
    parentPort!.postMessage({ frames: decodeFor(frames, MEASURE_MS).frames })
  )
  parentPort!.postMessage({ ready: true })
}

async function main(): Promise<void> {
  const frames = corpus()
  const avgBytes = Math.round(frames.reduce((n, f) => n + f.length, 0) / frames.length)
  decodeFor(frames, WARMUP_MS)
  const inProc = decodeFor(frames, MEASURE_MS)
  const perSec = (n: number) => Math.round(n / (MEASURE_MS / 1000))
  const rows: [string, number, number, number][] = [
    ['in-process (main thread)', 1, perSec(inProc.frames), perSec(inProc.frames)]
  ]
  const counts = [...new Set([1, Math.max(1, cpus().length)])]
  const workers: { threads: number; framesPerSec: number; framesPerSecPerThread: number }[] = []
  for (const threads of counts) {
    const results = await runInWorkers(threads)
    const total = perSec(results.reduce((a, b) => a + b, 0))
    workers.push({
      threads,
      framesPerSec: total,
      framesPerSecPerThread: Math.round(total / threads)
    })
    rows.push([`worker_threads × ${threads}`, threads, total, Math.round(total / threads)])
  }
  console.log(
    `Douyin decode: ${avgBytes} B/frame (gzip), 10 messages/frame, ${MEASURE_MS} ms per run`
  )
  console.log(
    `${'mode'.padEnd(28)}${'threads'.padStart(8)}${'frames/s'.padStart(12)}${'per thread'.padStart(12)}`
  )
  for (const [mode, t, fps, per] of rows) {
    console.log(
      `${mode.padEnd(28)}${String(t).padStart(8)}${String(fps).padStart(12)}${String(per).padStart(12)}`
    )
  }
  const result = {
    machine: { node: process.version, cpus: cpus().length, date: new Date().toISOString() },
    douyinDecode: {
      frame: { bytes: avgBytes, messages: 10 },
      inProcess: { framesPerSec: perSec(inProc.frames), messagesPerSec: perSec(inProc.messages) },
      workers
    }
  }
  writeFileSync(join(__dirname, 'douyin-decode.json'), `${JSON.stringify(result, null, 2)}\n`)
}

if (isMainThread) {
  main().catch((err) => {
    console.error(err)
    process.exitCode = 1
  })
} else if ((workerData as { bench?: boolean } | null)?.bench) {
  workerMain()
}
