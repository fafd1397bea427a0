import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { BridgeClient } from '../src/main/testing/bridge'
import { barrageGrabPack, TestRelayServer } from '../src/main/sources/testing/relay-server'
import { tempDir } from '../src/main/testing/paths'
import { readProcStat } from '../src/main/testing/proc-stat'
import type { Snapshot } from '../src/shared/ipc/contract'
import { ROOT, WORKER_DIR } from './harness'

/**
 * `npm run soak -- --minutes N [--rate 400] [--chaos]`: the real headless app reads a local
 * BarrageGrab relay that floods it in real time (chats, likes, gifts, members) for N minutes,
 * speaking into a real-time null sink. Every 10 s it prints the app's RSS and CPU (its own process
 * plus the player) and what the pipeline did; at the end a summary, written to bench/soak.json.
 * `--chaos` kills the player process (kill -9) once a minute: speech must go on.
 * This is a benchmark: it prints numbers, it asserts nothing.
 */
const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '5' },
    rate: { type: 'string', default: '400' },
    chaos: { type: 'boolean', default: false }
  }
})
const MINUTES = Number(values.minutes)
const RATE = Number(values.rate)
if (!(MINUTES > 0) || !(RATE > 0)) throw new Error('--minutes and --rate expect positive numbers')
const TICKS_PER_SECOND = 100 // USER_HZ on Linux

interface Sample {
  at: number
  rssMB: number
  cpuPct: number
  received: number
  spoken: number
  dropped: number
  textQueue: number
  playerRestarts: number
}

/** Processes carrying the marker (the app and its children), from /proc. */
function processes(marker: string): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/environ`, 'latin1').includes(marker)
      } catch {
        return false
      }
    })
    .map(Number)
}

function usage(pids: number[]): { rssKB: number; ticks: number } {
  let rssKB = 0
  let ticks = 0
  for (const pid of pids) {
    try {
      rssKB += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
      const stat = readProcStat(`/proc/${pid}/stat`)
      if (stat) ticks += stat.field(14) + stat.field(15) // utime + stime
    } catch {
      // the process ended between listing and reading
    }
  }
  return { rssKB, ticks }
}

function playerPid(pids: number[]): number | undefined {
  return pids.find((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('player.process.js')
    } catch {
      return false
    }
  })
}

/** The relay: RATE events a second, in 10 ms batches, every user and line distinct. */
function flood(server: TestRelayServer): () => void {
  let n = 0
  let owed = 0
  let last = Date.now()
  const timer = setInterval(() => {
    // By the clock, not by ticks: a late timer sends more, so the rate holds on a busy machine.
    const now = Date.now()
    owed += (RATE * (now - last)) / 1000
    last = now
    for (; owed >= 1; owed--) {
      const i = ++n
      const user = { Id: BigInt(10_000 + (i % 50_000)), Nickname: `观众${i % 50_000}` }
      const base = { MsgId: 7_500_000_000_000_000_000n + BigInt(i), User: user }
      const kind = i % 20
      const pack =
        kind < 14
          ? barrageGrabPack(1, { ...base, Content: `第${i}条弹幕，主播好` })
          : kind < 17
            ? barrageGrabPack(2, { ...base, Count: 3, Total: i })
            : kind < 19
              ? barrageGrabPack(3, { ...base })
              : barrageGrabPack(5, {
                  ...base,
                  GiftId: 1n,
                  GiftName: '玫瑰',
                  GiftCount: 1,
                  RepeatCount: 1,
                  GroupId: BigInt(i),
                  DiamondCount: 1
                })
      for (const ws of server.clients) if (ws.readyState === ws.OPEN) ws.send(pack)
    }
  }, 10)
  return () => clearInterval(timer)
}

async function main(): Promise<void> {
  const server = await TestRelayServer.start()
  const data = tempDir('danmuvoice-soak-')
  const marker = `DV_SOAK_${randomUUID()}`
  const app = spawn(
    process.execPath,
    [
      join(WORKER_DIR, 'headless.js'),
      '--source',
      `relay:${server.url}`,
      '--audio',
      'null',
      '--ui',
      '0',
      '--quiet',
      '--drain',
      '1',
      '--data-dir',
      data.dir
    ],
    { env: { ...process.env, [marker]: '1' }, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let stdout = ''
  let stderr = ''
  app.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  app.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-100_000)))
  while (!/DanmuVoice UI: \S+/.test(stdout)) {
    if (app.exitCode !== null) throw new Error(`the app exited: ${stderr}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  const page = new URL(/DanmuVoice UI: (\S+)/.exec(stdout)![1]!)
  const link = await BridgeClient.open(
    `ws://${page.host}/bridge?token=${page.searchParams.get('token')}`
  )
  const stop = flood(server)
  const samples: Sample[] = []
  const started = Date.now()
  let last = usage(processes(marker))
  let lastAt = Date.now()
  let kills = 0
  console.log(
    `soak: ${MINUTES} min at ${RATE} events/s${values.chaos ? ', killing the player every minute' : ''}`
  )
  console.log('   time    RSS MB   CPU %   received     spoken    dropped  queue  restarts')
  while (Date.now() - started < MINUTES * 60_000) {
    await new Promise((r) => setTimeout(r, 10_000))
    const pids = processes(marker)
    const now = usage(pids)
    const at = Date.now()
    const snap = await link.result(link.invoke('getSnapshot'))
    const status = snap.ok ? (snap.value as Snapshot).status : null
    const sample: Sample = {
      at: Math.round((at - started) / 1000),
      rssMB: Math.round(now.rssKB / 102.4) / 10,
      cpuPct:
        Math.round(((now.ticks - last.ticks) / TICKS_PER_SECOND / ((at - lastAt) / 1000)) * 1000) /
        10,
      received: status?.counts.received ?? 0,
      spoken: status?.counts.spoken ?? 0,
      dropped: status?.counts.dropped ?? 0,
      textQueue: status?.queues.text.length ?? 0,
      playerRestarts: status?.components.find((c) => c.id === 'audio-player')?.restarts ?? 0
    }
    samples.push(sample)
    last = now
    lastAt = at
    console.log(
      `${String(sample.at).padStart(6)} s ${sample.rssMB.toFixed(1).padStart(8)} ${sample.cpuPct.toFixed(1).padStart(7)} ${String(sample.received).padStart(10)} ${String(sample.spoken).padStart(10)} ${String(sample.dropped).padStart(10)} ${String(sample.textQueue).padStart(6)} ${String(sample.playerRestarts).padStart(9)}`
    )
    // Half-way through each minute, so even a one-minute soak sees the restart.
    if (values.chaos && Math.floor(sample.at / 10) % 6 === 3) {
      const player = playerPid(pids)
      if (player) {
        process.kill(player, 'SIGKILL')
        kills++
      }
    }
  }
  stop()
  link.close()
  const exited = new Promise<number | null>((r) => app.once('exit', (code) => r(code)))
  app.kill('SIGTERM')
  const code = await exited
  await server.close()
  data.cleanup()

  const rss = samples.map((s) => s.rssMB)
  const half = Math.floor(samples.length / 2)
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)
  const summary = {
    minutes: MINUTES,
    rate: RATE,
    chaos: values.chaos,
    playerKills: kills,
    exitCode: code,
    rssMB: {
      first: rss[0],
      last: rss.at(-1),
      max: Math.max(...rss),
      firstHalfMean: mean(rss.slice(0, half)),
      secondHalfMean: mean(rss.slice(half))
    },
    cpuPctMean: Math.round(mean(samples.map((s) => s.cpuPct)) * 10) / 10,
    final: samples.at(-1),
    samples,
    machine: { node: process.version, date: new Date().toISOString() }
  }
  console.log(
    `\nRSS ${summary.rssMB.first} → ${summary.rssMB.last} MB (max ${summary.rssMB.max}; halves ${summary.rssMB.firstHalfMean.toFixed(1)} / ${summary.rssMB.secondHalfMean.toFixed(1)}), CPU mean ${summary.cpuPctMean} %, exit ${code}` +
      (values.chaos ? `, player killed ${kills}×` : '')
  )
  writeFileSync(join(ROOT, 'bench', 'soak.json'), JSON.stringify(summary, null, 2) + '\n')
  console.log('written to bench/soak.json')
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
