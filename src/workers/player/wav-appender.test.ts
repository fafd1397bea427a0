import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { scratchDirs, useCleanups } from '../../main/testing/cleanups'
import { encodeWav, parseWav } from '../../shared/wav-format'
import { WavAppendError, WavAppender } from './wav-appender'

const mono = { sampleRate: 22050, channels: 1, bitDepth: 16 as const }
const pcm = (n: number, value: number) => new Uint8Array(new Int16Array(n).fill(value).buffer)

const defer = useCleanups()
const scratch = scratchDirs(defer)

describe('WavAppender', () => {
  it('keeps the file a valid WAV after every write, before any close (as after kill -9)', async () => {
    const file = join(scratch(), 'rec.wav')
    const a = await WavAppender.open(file)
    await a.append(pcm(100, 7), mono)
    expect(parseWav(readFileSync(file)).pcm.byteLength).toBe(200)
    await a.append(pcm(50, 9), mono)
    const read = parseWav(readFileSync(file))
    expect(read.format).toEqual(mono)
    expect(read.pcm.byteLength).toBe(300)
    await a.close()
  })

  it('continues an existing WAV (a restart appends; nothing is truncated)', async () => {
    const file = join(scratch(), 'rec.wav')
    const first = await WavAppender.open(file)
    await first.append(pcm(100, 1), mono)
    await first.close()
    const second = await WavAppender.open(file)
    expect(second.format).toEqual(mono)
    expect(second.dataBytes).toBe(200)
    await second.append(pcm(100, 2), mono)
    await second.close()
    const samples = new Int16Array(new Uint8Array(parseWav(readFileSync(file)).pcm).buffer)
    expect(samples.length).toBe(200)
    expect([samples[0], samples[99], samples[100], samples[199]]).toEqual([1, 1, 2, 2])
  })

  it('repairs a stale header (placeholder sizes from a streaming writer) on the next append', async () => {
    const file = join(scratch(), 'stale.wav')
    const bytes = encodeWav({ format: mono, pcm: pcm(10, 3) })
    new DataView(bytes.buffer).setUint32(40, 0x7ffff000, true)
    writeFileSync(file, bytes)
    const a = await WavAppender.open(file)
    await a.append(pcm(10, 4), mono)
    await a.close()
    const fixed = readFileSync(file)
    expect(fixed.readUInt32LE(40)).toBe(40)
    expect(fixed.readUInt32LE(4)).toBe(36 + 40)
  })

  it('never touches an existing file that is not a WAV', async () => {
    const file = join(scratch(), 'notes.wav')
    writeFileSync(file, 'my precious notes\n')
    const err = await WavAppender.open(file).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(WavAppendError)
    expect(err).toMatchObject({ code: 'not-wav' })
    expect(readFileSync(file, 'utf8')).toBe('my precious notes\n')
  })

  it('names the OS error when the file cannot be opened', async () => {
    const err = await WavAppender.open(join(scratch(), 'no', 'such', 'dir.wav')).catch(
      (e: unknown) => e
    )
    expect(err).toMatchObject({ code: 'open-failed', message: expect.stringMatching(/ENOENT/) })
  })
})
