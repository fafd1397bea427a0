import { readdirSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * The test-helper convention ESLint cannot see: helpers and fixtures live in a `testing/` folder
 * beside the code they serve (the boundary rule keeps production imports out of those), and src/
 * holds only the app's own source, no generators or media.
 */
const SRC = join(__dirname, '..', '..')

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? [path + sep, ...walk(path)] : [path]
  })
}

const paths = walk(SRC).map((p) => relative(SRC, p).split(sep).join('/'))

describe('src/ layout', () => {
  it('keeps fixtures inside testing/ folders, under no other helper-folder name', () => {
    const stray = paths.filter(
      (p) =>
        p.endsWith('/') &&
        /(^|\/)(__fixtures__|__mocks__|fixtures|test-helpers|test-utils)\/$/.test(p) &&
        !p.includes('/testing/')
    )
    expect(stray).toEqual([])
  })

  it('holds no scripts or media of other languages', () => {
    expect(paths.filter((p) => /\.(py|sh|mp3|wav|ogg|flac)$/.test(p))).toEqual([])
  })

  it('keeps test doubles out of production files', () => {
    const production = paths.filter(
      (p) => /\.tsx?$/.test(p) && !/\.test\.tsx?$/.test(p) && !/(^|\/)testing\//.test(p)
    )
    expect(production.length).toBeGreaterThan(100)
    expect(production.filter((p) => /(manual-clock|fake|mock|stub)[^/]*$/i.test(p))).toEqual([])
  })
})
