import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { AudioClip } from '../../../../shared/speech'
import { parseWav } from '../../../../shared/wav-format'
import { ROOT } from '../../../testing/paths'

/** The committed Edge fixture: real MP3 (24 kHz mono, ~1.63 s, 39,080 samples); fixtures/tts/README.md. */
export const MP3_FIXTURE = {
  path: join(ROOT, 'fixtures', 'tts', 'hello-24k-mono.mp3'),
  sampleRate: 24_000,
  samples: 39_080
}

/** The fixture's bytes, fresh each call. */
export function readMp3Fixture(): Uint8Array {
  return new Uint8Array(readFileSync(MP3_FIXTURE.path))
}

/** A sine tone as a clip: test audio that needs no program. */
export function toneClip(ms: number, sampleRate = 22_050, hz = 440): AudioClip {
  const samples = Math.round((ms / 1000) * sampleRate)
  const pcm = new Uint8Array(samples * 2)
  const view = new DataView(pcm.buffer)
  for (let i = 0; i < samples; i++)
    view.setInt16(i * 2, Math.round(Math.sin((2 * Math.PI * hz * i) / sampleRate) * 8000), true)
  return { format: { sampleRate, channels: 1, bitDepth: 16 }, pcm }
}

/**
 * Real speech from the espeak-ng program (`-v cmn-latn-pinyin`, platform notes), text on stdin;
 * a tone of similar length when the program is missing, so servers still answer.
 */
export function speechClip(text: string, program = 'espeak-ng'): Promise<AudioClip> {
  return new Promise((resolve) => {
    const options = { encoding: 'buffer' as const, timeout: 10_000, maxBuffer: 64 * 1024 * 1024 }
    const child = execFile(
      program,
      ['-v', 'cmn-latn-pinyin', '--stdout'],
      options,
      (err, stdout) => {
        if (err) return resolve(toneClip(Math.min(5000, 200 + 150 * [...text].length)))
        try {
          resolve(parseWav(new Uint8Array(stdout)))
        } catch {
          resolve(toneClip(500))
        }
      }
    )
    child.stdin?.on('error', () => {})
    child.stdin?.end(text, 'utf8')
  })
}
