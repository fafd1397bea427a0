import { join } from 'node:path'
// First: V8 heap flags, before the other modules load (see heap-tuning.ts).
import './heap-tuning'
import { runHeadless } from './headless/run-headless'

/**
 * Headless entry (`npm run headless -- …`): the same pipeline as the desktop app, in plain Node.
 * Built next to the worker entries in out/main; the assets folder sits at the project root.
 */
runHeadless(process.argv.slice(2), {
  workerDir: __dirname,
  assetsDir: join(__dirname, '..', '..', 'assets'),
  rendererDir: join(__dirname, '..', 'renderer')
}).then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`danmuvoice: ${err.stack ?? err.message}\n`)
    process.exit(1)
  }
)
