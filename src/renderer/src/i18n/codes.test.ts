import { describe, expect, it } from 'vitest'
import { en } from './en'
import { zh } from './zh'

/** The main process's and shared sources (tests and test helpers left out), as text. */
const SOURCES = Object.entries(
  import.meta.glob<string>(['../../../main/**/*.ts', '../../../shared/**/*.ts'], {
    query: '?raw',
    import: 'default',
    eager: true
  })
)
  .filter(([path]) => !/\.test\.ts$|\/testing\//.test(path))
  .map(([, text]) => text)

/** Codes found in the main process and shared code by the way they are raised. */
function codes(pattern: RegExp): Set<string> {
  const out = new Set<string>()
  for (const text of SOURCES) for (const m of text.matchAll(pattern)) out.add(m[1]!)
  return out
}

const missing = (prefix: string, found: Set<string>) =>
  [...found]
    .map((code) => `${prefix}${code}`)
    .filter((key) => !Object.hasOwn(zh, key) || !Object.hasOwn(en, key))

describe('every code the main process sends has words in both languages', () => {
  it('source and command errors', () => {
    const found = codes(/new (?:SourceError|CodedError)\(\s*'([^']+)'/g)
    expect(found.size).toBeGreaterThan(10)
    expect(missing('err.', found)).toEqual([])
  })

  it('settings problems', () => {
    const found = codes(/rule\(\s*'([^']+)'/g)
    for (const c of codes(/'(template-[a-z-]+)'/g)) found.add(c)
    for (const c of codes(/code: '([a-z-]+)',\n\s+params/g)) found.add(c)
    expect(found.size).toBeGreaterThan(15)
    expect(missing('issue.', found)).toEqual([])
  })

  it('notices and source states', () => {
    const notices = codes(/notify\(\s*'\w+',\s*'([^']+)'/g)
    notices.add('settings-recovered').add('settings-fields-reset')
    expect(missing('notice.', notices)).toEqual([])
    const reasons = codes(/\.set\(\s*'\w+',\s*'([^']+)'/g)
    for (const c of [
      'network',
      'risk-control',
      'DEVICE_BLOCKED',
      'handshake-rejected',
      'stalled',
      'dropped'
    ])
      reasons.add(c)
    expect(reasons.has('relay-not-running')).toBe(true)
    expect(missing('reason.', reasons)).toEqual([])
  })
})
