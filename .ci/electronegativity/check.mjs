#!/usr/bin/env node
// CI gate: runs @doyensec/electronegativity over the sources (src/) and the build (out/), and fails
// on any finding that is not in baseline.json (judged false positives, each with a one-line reason).
// Baseline entries match on scope, check, file and the flagged code (not line numbers), so an
// edit to a flagged line asks for a fresh judgement. Usage: node .ci/electronegativity/check.mjs
// [--suggest: also print the new findings as baseline entries, reasons left for you to write]
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const bin = join(here, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js')
if (!existsSync(bin)) {
  console.error(
    `electronegativity is not installed: run  npm ci --prefix ${join('.ci', 'electronegativity')}`
  )
  process.exit(2)
}
if (!existsSync(join(root, 'out', 'main', 'index.js'))) {
  console.error('out/ is missing: run  npm run build  first')
  process.exit(2)
}
const ELECTRON = JSON.parse(
  readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')
).version

/**
 * The flagged code (its line and the two after, whitespace collapsed): what a baseline entry
 * matches on, not the line number. Editing the flagged code asks for a fresh judgement.
 */
function codeAt(scope, file, line) {
  try {
    const lines = readFileSync(join(root, scope, file), 'utf8').split('\n')
    const text = lines.slice(Math.max(0, line - 1), line + 2).join(' ')
    return text.replace(/\s+/g, ' ').trim().slice(0, 300) || 'N/A'
  } catch {
    return 'N/A'
  }
}

function scan(scope) {
  const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'))
  const report = join(dir, 'report.sarif')
  try {
    // -e: the Electron we ship; its release check needs the network and is skipped offline.
    // SARIF, not CSV: this version's CSV writer sometimes garbles its first row.
    execFileSync(
      process.execPath,
      [bin, '-i', join(root, scope), '-r', '-e', ELECTRON, '-o', report],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        cwd: here
      }
    )
    const sarif = JSON.parse(readFileSync(report, 'utf8'))
    return sarif.runs.flatMap((run) =>
      run.results.map((r) => {
        const where = r.locations?.[0]?.physicalLocation ?? {}
        const file = where.artifactLocation?.uri ?? '?'
        const line = where.region?.startLine ?? 0
        return {
          scope,
          check: r.ruleId,
          severity: r.level,
          file,
          location: `${line}:${where.region?.startColumn ?? 0}`,
          sample: codeAt(scope, file, line),
          description: r.message?.text ?? ''
        }
      })
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const key = (f) => `${f.scope} ${f.check} ${f.file} ${f.sample}`
const baseline = JSON.parse(readFileSync(join(here, 'baseline.json'), 'utf8'))
const judged = new Map(baseline.map((b) => [key(b), b]))
const unexplained = baseline.filter(
  (b) => typeof b.reason !== 'string' || b.reason.trim().length < 10
)
const findings = [...scan('src'), ...scan('out')]
const fresh = findings.filter((f) => !judged.has(key(f)))
const seen = new Set(findings.map(key))
const stale = baseline.filter((b) => !seen.has(key(b)))

console.log(
  `electronegativity (Electron ${ELECTRON}): ${findings.length} findings, ${findings.length - fresh.length} judged in baseline.json`
)
for (const s of stale) console.log(`  stale baseline entry (no longer found, remove it): ${key(s)}`)
for (const u of unexplained) console.log(`  baseline entry without a reason: ${key(u)}`)
for (const f of fresh)
  console.log(
    `  NEW ${f.severity} ${f.check} ${f.scope}/${f.file}:${f.location}\n      ${f.sample}\n      ${f.description}`
  )
if (process.argv.includes('--suggest'))
  console.log(
    JSON.stringify(
      fresh.map(({ scope, check, file, sample }) => ({ scope, check, file, sample, reason: '' })),
      null,
      2
    )
  )
if (fresh.length > 0 || unexplained.length > 0) {
  console.log(
    '\nFix each new finding, or judge it a false positive in .ci/electronegativity/baseline.json with a one-line reason.'
  )
  process.exit(1)
}
console.log('no new findings')
