import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Stand-ins for `say` (macOS) and `powershell.exe` (Windows) so the OS engines' real spawn path runs
 * on Linux: executable Node scripts that record exactly what reached them (argv, stdin, the decoded
 * script) and write a WAV tone to the requested file. A text containing `FAIL` exits 1 with a
 * message; `HANG` never exits. They check the command's shape, not the OS's speech.
 */

const WAV_WRITER = `
function writeWav(path, sampleRate, ms) {
  const samples = Math.max(1, Math.round(sampleRate * ms / 1000))
  const b = Buffer.alloc(44 + samples * 2)
  b.write('RIFF', 0); b.writeUInt32LE(36 + samples * 2, 4); b.write('WAVE', 8); b.write('fmt ', 12)
  b.writeUInt32LE(16, 16); b.writeUInt16LE(1, 20); b.writeUInt16LE(1, 22); b.writeUInt32LE(sampleRate, 24)
  b.writeUInt32LE(sampleRate * 2, 28); b.writeUInt16LE(2, 32); b.writeUInt16LE(16, 34); b.write('data', 36)
  b.writeUInt32LE(samples * 2, 40)
  for (let i = 0; i < samples; i++) b.writeInt16LE(Math.round(Math.sin(i / 8) * 6000), 44 + i * 2)
  require('fs').writeFileSync(path, b)
}
function behave(text) {
  if (text.includes('HANG')) { setInterval(() => {}, 1000); return true }
  if (text.includes('FAIL')) { process.stderr.write('voice failed on purpose'); process.exit(1) }
  return false
}
`

const FAKE_SAY = `#!/usr/bin/env node
${WAV_WRITER}
const fs = require('fs')
const argv = process.argv.slice(2)
const stdin = fs.readFileSync(0, 'utf8')
fs.appendFileSync(__filename + '.jsonl', JSON.stringify({ argv, stdin }) + '\\n')
if (!behave(stdin)) {
  const opt = (name) => (argv.find((a) => a.startsWith('--' + name + '=')) || '').slice(name.length + 3)
  const format = /^LEI16@(\\d+)$/.exec(opt('data-format'))
  if (!format || opt('file-format') !== 'WAVE' || opt('input-file') !== '-') { process.stderr.write('bad options'); process.exit(2) }
  writeWav(opt('output-file'), Number(format[1]), 50 + 20 * [...stdin].length)
}
`

const FAKE_POWERSHELL = `#!/usr/bin/env node
${WAV_WRITER}
const fs = require('fs')
const argv = process.argv.slice(2)
const at = argv.indexOf('-EncodedCommand')
if (at < 0 || argv.length !== at + 2) { process.stderr.write('expected -EncodedCommand <base64> last'); process.exit(2) }
const script = Buffer.from(argv[at + 1], 'base64').toString('utf16le')
const literals = [...script.matchAll(/Get-Text '([A-Za-z0-9+/=]*)'\\)/g)].map((m) => Buffer.from(m[1], 'base64').toString('utf8'))
const [voice, culture, outputPath, text] = literals
fs.appendFileSync(__filename + '.jsonl', JSON.stringify({ argv, script, voice, culture, outputPath, text }) + '\\n')
if (!behave(text)) {
  const rate = /SpeechAudioFormatInfo\\((\\d+),/.exec(script)
  writeWav(outputPath, Number(rate[1]), 50 + 20 * [...text].length)
}
`

/** One recorded call of a fake program. */
export interface FakeCall {
  argv: string[]
  stdin?: string
  script?: string
  voice?: string
  culture?: string
  outputPath?: string
  text?: string
}

/** A fake program written to `dir`, with the calls it has recorded. */
export interface FakeProgram {
  path: string
  calls(): FakeCall[]
}

function install(dir: string, name: string, source: string): FakeProgram {
  const path = join(dir, name)
  writeFileSync(path, source)
  chmodSync(path, 0o755)
  const log = `${path}.jsonl`
  return {
    path,
    calls: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .trim()
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as FakeCall)
        : []
  }
}

/** Writes a fake `say` into `dir`. */
export function installFakeSay(dir: string): FakeProgram {
  return install(dir, 'say', FAKE_SAY)
}

/** Writes a fake `powershell.exe` into `dir` (it decodes the -EncodedCommand script). */
export function installFakePowerShell(dir: string): FakeProgram {
  return install(dir, 'powershell.exe', FAKE_POWERSHELL)
}
