import { constants } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { readWavLayout, WavFormatError, wavHeader } from '../../shared/wav-format'
import type { AudioFormat } from '../../shared/speech'

/** Why a WAV file cannot be appended to, as a code (callers branch on it) plus words. */
export class WavAppendError extends Error {
  constructor(
    readonly code: 'not-wav' | 'unsupported-encoding' | 'open-failed' | 'write-failed',
    message: string
  ) {
    super(message)
  }
}

const HEAD_BYTES = 4096
/** RIFF sizes are 32-bit: stop a file before it would overflow (about 27 h at 22 kHz mono). */
const MAX_DATA_BYTES = 0xffff_ff00
// POSIX: refuse to follow a symlink planted where the recording should be. 0 where unsupported.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0

/**
 * Appends 16-bit PCM to a WAV file, keeping the file valid at every moment: the header's sizes are
 * patched after every write, so a crash, a second Ctrl-C or `kill -9` leaves a readable file.
 * - a missing or empty file is created; its format is the first clip's;
 * - an existing WAV is continued in its own format (the caller converts clips to `format`);
 * - an existing file that is not a 16-bit PCM WAV is never touched (`not-wav`).
 * The data length is taken from the file's size, not its header, so a file left with a stale header
 * by an older crash is repaired on the next append.
 */
export class WavAppender {
  #format: AudioFormat | undefined
  #dataOffset = 44
  #dataBytes = 0

  private constructor(
    readonly file: string,
    private readonly handle: FileHandle
  ) {}

  /** Opens (or creates) `file` for appending. Throws {@link WavAppendError}. */
  static async open(file: string): Promise<WavAppender> {
    let handle: FileHandle
    try {
      handle = await open(file, constants.O_RDWR | constants.O_CREAT | NO_FOLLOW, 0o644)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error'
      throw new WavAppendError('open-failed', `cannot open ${file} (${code})`)
    }
    const appender = new WavAppender(file, handle)
    try {
      await appender.#readExisting()
    } catch (err) {
      await handle.close()
      throw err
    }
    return appender
  }

  /** The file's format, once known (an existing WAV, or after the first append). */
  get format(): AudioFormat | undefined {
    return this.#format
  }

  /** Bytes of audio in the file. */
  get dataBytes(): number {
    return this.#dataBytes
  }

  /** Appends samples in `format` (which must equal {@link format} once that is set). */
  async append(pcm: Uint8Array, format: AudioFormat): Promise<void> {
    if (!this.#format) {
      this.#format = format
      await this.#write(wavHeader(format, 0), 0)
    }
    const frame = this.#format.channels * 2
    const room = Math.max(0, MAX_DATA_BYTES - this.#dataBytes)
    const length = Math.min(pcm.byteLength - (pcm.byteLength % frame), room - (room % frame))
    if (length <= 0) return
    await this.#write(pcm.subarray(0, length), this.#dataOffset + this.#dataBytes)
    this.#dataBytes += length
    await this.#patchSizes()
  }

  /** Makes sure a valid (possibly empty) WAV exists, then closes the file. */
  async close(
    fallback: AudioFormat = { sampleRate: 22_050, channels: 1, bitDepth: 16 }
  ): Promise<void> {
    try {
      if (!this.#format) await this.append(new Uint8Array(0), fallback)
    } finally {
      await this.handle.close()
    }
  }

  async #readExisting(): Promise<void> {
    const { size } = await this.handle.stat()
    if (size === 0) return
    const head = new Uint8Array(Math.min(size, HEAD_BYTES))
    await this.handle.read(head, 0, head.byteLength, 0)
    try {
      const layout = readWavLayout(head)
      this.#format = layout.format
      this.#dataOffset = layout.dataOffset
    } catch (err) {
      const code = err instanceof WavFormatError && err.code === 'unsupported-encoding'
      throw new WavAppendError(
        code ? 'unsupported-encoding' : 'not-wav',
        `${this.file} exists and is not a 16-bit PCM WAV file; it was left untouched (${(err as Error).message})`
      )
    }
    const frame = this.#format.channels * 2
    const bytes = Math.max(0, size - this.#dataOffset)
    this.#dataBytes = Math.min(bytes - (bytes % frame), MAX_DATA_BYTES)
  }

  async #patchSizes(): Promise<void> {
    const sizes = new Uint8Array(4)
    const view = new DataView(sizes.buffer)
    view.setUint32(0, this.#dataOffset - 8 + this.#dataBytes, true)
    await this.#write(sizes.slice(), 4)
    view.setUint32(0, this.#dataBytes, true)
    await this.#write(sizes, this.#dataOffset - 4)
  }

  async #write(bytes: Uint8Array, position: number): Promise<void> {
    try {
      let done = 0
      while (done < bytes.byteLength) {
        const { bytesWritten } = await this.handle.write(
          bytes,
          done,
          bytes.byteLength - done,
          position + done
        )
        done += bytesWritten
      }
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error'
      throw new WavAppendError('write-failed', `cannot write ${this.file} (${code})`)
    }
  }
}
