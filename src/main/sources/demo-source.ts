import { join } from 'node:path'
import { FileSource } from './replay-source'
import type { LiveSource, SourceOptions } from './source'

/** The file name of the built-in sample session inside the assets folder. */
export const DEMO_SESSION_FILE = 'demo-session.jsonl'

/** `demo`: a built-in ~90 s sample session (chats, gifts, follows…), played as if live now. */
export function createDemoSource(options: SourceOptions): LiveSource {
  return new FileSource('demo', join(options.assetsDir, DEMO_SESSION_FILE), options.speed, true)
}
