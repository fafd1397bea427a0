import type { PlayerChannel } from './player-launcher'

/** Why the player process ended, in words a streamer can act on (alsa-lib explains aborts on stderr). */
export function explainPlayerExit(
  code: number | null,
  signal: string | null,
  channel: PlayerChannel
): string {
  const tail = stderrGist(channel.stderrTail())
  if (signal === 'SIGABRT' || code === 134) {
    return `no audio output device could be opened (无法打开音频输出设备); the audio library aborted${tail ? `: ${tail}` : ''}. Use --audio wav:<file> or null, or connect a device.`
  }
  return `audio player process exited (${signal ?? `code ${code}`})${tail ? `: ${tail}` : ''}`
}

/**
 * The telling part of a dying process's stderr: Node ends an uncaught error with a stack, the
 * error's fields, `}` and its version, so the last lines alone say nothing ("} | Node.js v20").
 * Keeps the error line and its `code`, else the last two meaningful lines.
 */
export function stderrGist(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(
      (l) =>
        l !== '' &&
        !/^Node\.js v\d/.test(l) &&
        !/^[\]{}()^,;]+$/.test(l) &&
        !/^at /.test(l) &&
        !/^throw \w+;?$/.test(l) &&
        !/^node:internal\//.test(l)
    )
  const error = lines.find((l) => /^(\w+)?Error\b|^\w+Error:/.test(l))
  const code = lines.find((l) => /^code: '/.test(l))
  const gist = error ? [error, code].filter(Boolean) : lines.slice(-2)
  return gist.join(' | ').slice(0, 500)
}
