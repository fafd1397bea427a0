import { execFileSync } from 'node:child_process'
import { chmodSync, openSync, closeSync, writeSync } from 'node:fs'
import { tempDir } from './paths'

/**
 * Real file-system faults for tests: a small tmpfs that fills up (ENOSPC) and a folder mounted
 * read-only (EROFS). Mounting needs root (CI and these machines run the tests as root); without it
 * `canMount` is false: the full-disk tests are skipped (vitest lists them as skipped, by name) and
 * the read-only folder falls back to a folder without write permission.
 */
export const canMount: boolean = (() => {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false
  const probe = tempDir('dv-mount-probe-')
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe.dir], {
      stdio: 'ignore'
    })
    execFileSync('umount', [probe.dir], { stdio: 'ignore' })
    return true
  } catch {
    return false
  } finally {
    probe.cleanup()
  }
})()

export interface MountedDir {
  dir: string
  cleanup: () => void
}

/** A fresh tmpfs of `kib` KiB, unmounted and removed by `cleanup`. */
export function mountTmpfs(kib: number): MountedDir {
  const t = tempDir('dv-tmpfs-')
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kib}k,mode=0755`, 'tmpfs', t.dir])
  return {
    dir: t.dir,
    cleanup: () => {
      try {
        execFileSync('umount', ['-l', t.dir], { stdio: 'ignore' })
      } finally {
        t.cleanup()
      }
    }
  }
}

/** A tmpfs with no room left: every new byte written there fails with ENOSPC. */
export function fullDisk(kib = 64): MountedDir {
  const m = mountTmpfs(kib)
  const fd = openSync(`${m.dir}/.filler`, 'w')
  const block = Buffer.alloc(4096, 0x55)
  try {
    for (;;) writeSync(fd, block)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err
  } finally {
    closeSync(fd)
  }
  // Small writes may still fit in the last partial page: fill byte by byte.
  const tail = openSync(`${m.dir}/.filler-tail`, 'w')
  try {
    for (;;) writeSync(tail, Buffer.alloc(1))
  } catch {
    // full
  } finally {
    closeSync(tail)
  }
  return m
}

/**
 * A folder that cannot be written, holding what `populate` put there first: a tmpfs remounted
 * read-only (EROFS) as root, else a folder without write permission (EACCES).
 */
export function readOnlyDir(populate: (dir: string) => void = () => {}): MountedDir {
  if (canMount) {
    const m = mountTmpfs(1024)
    populate(m.dir)
    execFileSync('mount', ['-o', 'remount,ro', m.dir])
    return m
  }
  const t = tempDir('dv-ro-')
  populate(t.dir)
  chmodSync(t.dir, 0o555)
  return {
    dir: t.dir,
    cleanup: () => {
      chmodSync(t.dir, 0o755)
      t.cleanup()
    }
  }
}
