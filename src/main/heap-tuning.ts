import { tuneHeap } from './heap-flags'

/**
 * Applies the app's V8 heap flags (heap-flags.ts) when it loads. The app's entries (headless CLI,
 * Electron main) and the worker threads' entries import it first, before the modules whose loading
 * already grows the young generation (set after them, the growth factor came too late: the flood
 * still filled 2×16 MB). Import it only from an entry: importing it applies the flags.
 */
tuneHeap()
