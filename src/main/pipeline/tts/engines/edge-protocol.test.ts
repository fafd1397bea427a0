import { describe, expect, it } from 'vitest'
import {
  buildSsml,
  edgeConnectUrl,
  edgeTimestamp,
  encodeBinaryMessage,
  escapeSsml,
  parseBinaryMessage,
  parseTextMessage,
  prosodyRate,
  secMsGec,
  speechConfigMessage,
  ssmlMessage
} from './edge-protocol'
import { HOSTILE_TEXTS } from '../testing/hostile-text'

const TOKEN = '6A5AA1D4EAFF4E9FB37E23D68491D6F4'

/** The markup of an SSML document with its text content removed: only our own tags may remain. */
function tags(ssml: string): string[] {
  return [...ssml.matchAll(/<[^>]*>/g)].map((m) => m[0].replace(/\s.*$/, '').replace(/>$/, ''))
}

describe('SSML escaping', () => {
  it('turns markup characters into entities', () => {
    expect(escapeSsml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;')
    expect(escapeSsml(']]>')).toBe(']]&gt;')
    expect(escapeSsml('&amp;')).toBe('&amp;amp;')
  })

  it('replaces characters XML 1.0 cannot carry, keeps tabs, line breaks and surrogate pairs', () => {
    expect(escapeSsml('a\u0000b\u0007c\u001bd\u000be\u000cf')).toBe('a b c d e f')
    expect(escapeSsml('x\ud800y\udc00z')).toBe('x y z')
    expect(escapeSsml('😀\t\n\r')).toBe('😀\t\n\r')
    expect(escapeSsml('\uFFFE\uFFFF')).toBe('  ')
  })

  it.each(HOSTILE_TEXTS)('keeps hostile text as text in the document: %j', (text) => {
    const ssml = buildSsml({
      voice: 'zh-CN-XiaoxiaoNeural',
      text,
      rate: 175,
      pitch: '+0Hz',
      volume: '+0%'
    })
    expect(tags(ssml)).toEqual(['<speak', '<voice', '<prosody', '</prosody', '</voice', '</speak'])
    expect(ssml.match(/<voice /g)).toHaveLength(1)
    expect(ssml).toContain("<voice name='zh-CN-XiaoxiaoNeural'>")
    // Every character XML forbids is gone; every & starts an entity.
    expect(ssml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/)
    expect(ssml.replace(/&(amp|lt|gt|quot|apos);/g, '')).not.toContain('&')
    // The content is the text itself once entities are read back (forbidden characters became spaces).
    const content = /<prosody [^>]*>([\s\S]*)<\/prosody>/.exec(ssml)![1]!
    const entities: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }
    const back = content.replace(/&(lt|gt|quot|apos|amp);/g, (_m, e: string) => entities[e]!)
    expect(back).toBe(
      text.replace(
        /[\u0000-\u0008\u000b\u000c\u000e-\u001f\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
        ' '
      )
    )
  })

  it('escapes the voice name and infers the language from it', () => {
    const ssml = buildSsml({
      voice: "x' onload='y",
      text: 'hi',
      rate: 175,
      pitch: '+0Hz',
      volume: '+0%'
    })
    expect(ssml).toContain("<voice name='x&apos; onload=&apos;y'>")
    expect(ssml).toContain("xml:lang='en-US'")
    expect(
      buildSsml({
        voice: 'zh-TW-HsiaoChenNeural',
        text: 'x',
        rate: 175,
        pitch: '+0Hz',
        volume: '+0%'
      })
    ).toContain("xml:lang='zh-TW'")
  })
})

describe('Edge protocol pieces', () => {
  it('maps words per minute to a prosody rate', () => {
    expect(prosodyRate(175)).toBe('+0%')
    expect(prosodyRate(350)).toBe('+100%')
    expect(prosodyRate(87.5)).toBe('-50%')
    expect(prosodyRate(10)).toBe('-90%')
    expect(prosodyRate(5000)).toBe('+200%')
    expect(prosodyRate(Number.NaN)).toBe('+0%')
  })

  it('computes Sec-MS-GEC from the 5-minute Windows file time window', () => {
    const at = Date.UTC(2024, 0, 1)
    // Independent check: sha256("133485408000000000" + token), computed with Python's hashlib.
    expect(secMsGec(at, TOKEN)).toBe(
      '2AC0A57C1214B9458F8725BB7800499BB594EC29DDA83424BC14661707141F2F'
    )
    expect(secMsGec(at + 299_000, TOKEN)).toBe(secMsGec(at, TOKEN))
    expect(secMsGec(at + 300_000, TOKEN)).not.toBe(secMsGec(at, TOKEN))
  })

  it('adds the token, GEC, version and connection id to the configured URL', () => {
    const url = new URL(
      edgeConnectUrl('ws://127.0.0.1:1/edge/v1?keep=1', {
        token: 'T',
        gec: 'G',
        gecVersion: '1-2',
        connectionId: 'C'
      })
    )
    expect(url.protocol).toBe('ws:')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      keep: '1',
      TrustedClientToken: 'T',
      'Sec-MS-GEC': 'G',
      'Sec-MS-GEC-Version': '1-2',
      ConnectionId: 'C'
    })
  })

  it('writes the timestamp the way the service does', () => {
    expect(edgeTimestamp(new Date(Date.UTC(2024, 0, 2, 3, 4, 5)))).toBe(
      'Tue Jan 02 2024 03:04:05 GMT+0000 (Coordinated Universal Time)'
    )
  })

  it('builds and parses text messages', () => {
    const config = parseTextMessage(speechConfigMessage('audio-24khz-48kbitrate-mono-mp3', 'now'))
    expect(config.headers.Path).toBe('speech.config')
    expect(JSON.parse(config.body).context.synthesis.audio.outputFormat).toBe(
      'audio-24khz-48kbitrate-mono-mp3'
    )
    const ssml = parseTextMessage(ssmlMessage('abc', '<speak>x\r\n\r\ny</speak>', 'now'))
    expect(ssml.headers).toMatchObject({
      'X-RequestId': 'abc',
      Path: 'ssml',
      'Content-Type': 'application/ssml+xml'
    })
    expect(ssml.body).toBe('<speak>x\r\n\r\ny</speak>')
    expect(parseTextMessage('Path:turn.end').headers.Path).toBe('turn.end')
  })

  it('round-trips binary audio frames and rejects a header longer than the frame', () => {
    const body = new Uint8Array([0xff, 0xf3, 1, 2, 3])
    const frame = encodeBinaryMessage({ 'X-RequestId': 'r1', Path: 'audio' }, body)
    const parsed = parseBinaryMessage(frame)!
    expect(parsed.headers).toEqual({ 'X-RequestId': 'r1', Path: 'audio' })
    expect([...parsed.body]).toEqual([...body])
    expect(parseBinaryMessage(new Uint8Array([0xff, 0xff, 1]))).toBeUndefined()
    expect(parseBinaryMessage(new Uint8Array([0]))).toBeUndefined()
  })
})
