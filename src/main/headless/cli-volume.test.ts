import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseWav, pcmRms } from '../../shared/wav-format'
import { HEADLESS, requireBuild, tempDir } from '../testing/paths'

requireBuild()
const t = tempDir()
afterAll(t.cleanup)

/** The demo, as fast as it goes, into a WAV at `volume`; the recorded samples. */
function record(volume: number): Promise<Int16Array> {
  const file = join(t.dir, `v${volume}.wav`)
  const config = join(t.dir, `v${volume}.json`)
  writeFileSync(config, JSON.stringify({ audio: { volume }, prewarm: { enabled: false } }))
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        HEADLESS,
        '--source',
        'demo',
        '--speed',
        'max',
        '--audio',
        `wav:${file}`,
        '--audio-pace',
        'fast',
        '--config',
        config,
        '--exit-when-idle',
        '0.2',
        '--quiet'
      ],
      { stdio: 'ignore' }
    )
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`headless exited ${code}`))
      const { pcm } = parseWav(new Uint8Array(readFileSync(file)))
      resolve(new Int16Array(pcm.buffer, pcm.byteOffset, pcm.byteLength / 2))
    })
  })
}

const clipped = (s: Int16Array) => s.filter((v) => v >= 32767 || v <= -32768).length

describe('volume above 100% through the real player process', () => {
  it('is louder and never clips', { timeout: 120_000 }, async () => {
    const [normal, loud] = await Promise.all([record(1), record(2)])
    const rms = (s: Int16Array) => pcmRms(new Uint8Array(s.buffer, s.byteOffset, s.byteLength))
    console.log(
      `demo session: ${normal.length} samples; clipped at 100%: ${clipped(normal)}, at 200%: ${clipped(loud)}; RMS ${rms(normal).toFixed(0)} → ${rms(loud).toFixed(0)}`
    )
    // Scaled plainly (the player before the limiter), the same session would clip this often.
    const scaled = normal.filter((v) => Math.abs(v * 2) >= 32767).length
    console.log(`plain ×2 scaling would clip ${scaled} samples`)
    expect(loud.length).toBeGreaterThan(22_050 * 10)
    expect(scaled).toBeGreaterThan(0)
    expect(clipped(loud)).toBe(0)
    expect(rms(loud)).toBeGreaterThan(rms(normal) * 1.5)
  })
})
