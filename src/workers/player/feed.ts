/** Feeding a clip to an output in chunks, with pause and skip between them: what every sink shares. */
import type { AudioClip, AudioFormat } from '../../shared/speech'
import { sleep } from '../../shared/clock'

/** What the playback loop needs from a sink, per clip. */
export interface PlayControl {
  /** Called before each chunk: false stops the clip (skip/clear). */
  shouldContinue(): boolean
  /** Resolves when not paused. */
  whilePaused(): Promise<void>
  /** First byte went to the sink. */
  started(): void
}

export interface Sink {
  readonly name: string
  /** Plays one clip; resolves with the bytes delivered. Throws with a clear message on device errors. */
  play(clip: AudioClip, control: PlayControl): Promise<number>
  close(): Promise<void>
}

export const CHUNK_MS = 50

/** Bytes of `ms` of audio in `format`, whole frames, at least one frame. */
export function chunkBytes(format: AudioFormat, ms = CHUNK_MS): number {
  const frame = format.channels * 2
  return Math.max(frame, Math.round((format.sampleRate * ms) / 1000) * frame)
}

/** Feeds a clip to `write` chunk by chunk (`chunkMs` each), honouring skip and pause between chunks. */
export async function feed(
  clip: AudioClip,
  control: PlayControl,
  write: (chunk: Uint8Array) => Promise<void>,
  paceMs: number,
  chunkMs = CHUNK_MS
): Promise<number> {
  const size = chunkBytes(clip.format, chunkMs)
  let sent = 0
  for (let at = 0; at < clip.pcm.byteLength; at += size) {
    await control.whilePaused()
    if (!control.shouldContinue()) break
    const chunk = clip.pcm.subarray(at, Math.min(at + size, clip.pcm.byteLength))
    await write(chunk)
    if (sent === 0) control.started()
    sent += chunk.byteLength
    if (paceMs > 0) await sleep(paceMs * (chunk.byteLength / size))
  }
  return sent
}
