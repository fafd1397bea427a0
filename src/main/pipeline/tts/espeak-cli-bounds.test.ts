import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../testing/paths'
import { EspeakCliEngine } from './espeak-cli-engine'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

/** A stand-in program in place of espeak-ng (a real child process), from a shell script. */
function program(body: string): string {
  const t = tempDir()
  cleanups.push(t.cleanup)
  const file = join(t.dir, 'espeak-ng')
  writeFileSync(file, `#!/bin/sh\n${body}\n`)
  chmodSync(file, 0o755)
  return file
}

describe('espeak-cli output is bounded', () => {
  it('keeps only the last 2,000 characters of a chatty stderr in the error', async () => {
    const path = program(
      "head -c 200000 /dev/zero | tr '\\000' 'e' >&2; printf 'THE REAL REASON' >&2; exit 3"
    )
    const engine = new EspeakCliEngine({ path, version: '1.51', voice: 'cmn-latn-pinyin' })
    const error = await engine.synthesize({ text: '你好', voice: '', rate: 175 }).then(
      () => undefined,
      (err: Error) => err
    )
    expect(error?.message).toMatch(/^espeak-ng failed \(exit 3\): e+THE REAL REASON$/)
    expect(error!.message.length).toBeLessThan(2100)
  })

  it('stops a program that writes audio without end', async () => {
    const path = program('cat /dev/zero')
    const engine = new EspeakCliEngine({ path, version: '1.51', voice: 'cmn-latn-pinyin' }, 60_000)
    await expect(engine.synthesize({ text: '你好', voice: '', rate: 175 })).rejects.toThrow(
      /produced more than 67108864 bytes; stopped/
    )
  })
})
