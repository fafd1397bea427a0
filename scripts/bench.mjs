// `npm run bench [-- <name>…]`: bundles bench/run.ts the way the app is bundled (one module
// scope, so cross-module calls cost what they cost in the shipped build, not a loader's getters)
// and runs it with plain node. Arguments pass through (benchmark names, --soak…).
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outfile = join(root, 'out', 'bench', 'run.cjs')
await build({
  entryPoints: [join(root, 'bench', 'run.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  // import.meta.url in CommonJS output (pinyin-match loads pinyin-pro relative to itself).
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' }
})
const r = spawnSync(process.execPath, ['--expose-gc', outfile, ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: root
})
process.exit(r.status ?? 1)
