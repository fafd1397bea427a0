import { afterEach } from 'vitest'
import { tempDir } from './paths'

/** Registers work to undo after the current test. */
export type Defer = (...cleanups: (() => unknown)[]) => void

/**
 * Cleanups per test: whatever a test starts (servers, temp folders, pipelines) is deferred here
 * and undone after it, last started first, even when the test failed.
 */
export function useCleanups(): Defer {
  const cleanups: (() => unknown)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  return (...more) => void cleanups.push(...more)
}

/** `scratch()`: a fresh temp folder, removed after the current test through `defer`. */
export function scratchDirs(defer: Defer): () => string {
  return () => {
    const t = tempDir()
    defer(t.cleanup)
    return t.dir
  }
}
