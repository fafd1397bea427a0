import { describe, expect, it } from 'vitest'
import { WEB_ENTER_FIXTURE } from '../testing/douyin-http-server'
import { livePageHtml } from '../testing/live-page'
import { DEFAULT_USER_AGENT, endpointsFrom, parseWebRid } from './endpoints'
import { parseLivePage } from './page-state'
import { buildPushUrl, parseRawQuery } from './push-url'
import { parseEnterResponse } from './room-resolver'

describe('room resolution inputs', () => {
  it('decodes the real web/enter fixture', () => {
    expect(parseEnterResponse('123', WEB_ENTER_FIXTURE)).toEqual({
      webRid: '123',
      roomId: '7630361251285076745',
      status: 2,
      live: true,
      title: '内格夫强势打法，把把虐',
      anchor: '内格夫教主Duck',
      via: 'api'
    })
  })

  it('reads ended rooms and rejects bodies without room data', () => {
    const ended = JSON.parse(WEB_ENTER_FIXTURE) as {
      data: { data: { status: number }[]; room_status: number }
    }
    ended.data.data[0]!.status = 4
    ended.data.room_status = 2
    expect(parseEnterResponse('1', JSON.stringify(ended))).toMatchObject({ live: false, status: 4 })
    expect(parseEnterResponse('1', '{"status_code":30003}')).toMatchObject({ live: false })
    expect(parseEnterResponse('1', '<html>verify</html>')).toBeUndefined()
    expect(parseEnterResponse('1', '{"data":{},"status_code":0}')).toBeUndefined()
  })

  it('parses the live page state from split flight chunks', () => {
    const html = livePageHtml({
      webRid: '1',
      roomId: '7659772534023654196',
      status: 2,
      title: '标题 "quoted" \\ back',
      anchor: '主播',
      userUniqueId: '7659776308930922010'
    })
    expect(parseLivePage(html)).toEqual({
      hasState: true,
      roomId: '7659772534023654196',
      status: 2,
      title: '标题 "quoted" \\ back',
      anchor: '主播',
      userUniqueId: '7659776308930922010'
    })
  })

  it('falls back to the escaped markers other clients use', () => {
    const html =
      '<script>x = "{\\"roomId\\":\\"7181823408362015540\\",\\"id_str\\":\\"7181823408362015540\\",\\"status\\":4,\\"user_unique_id\\":\\"7300000000000000001\\"}"</script>'
    expect(parseLivePage(html)).toMatchObject({
      hasState: true,
      roomId: '7181823408362015540',
      status: 4,
      userUniqueId: '7300000000000000001'
    })
    expect(parseLivePage('<html><script>challenge()</script></html>').hasState).toBe(false)
  })

  it('accepts live URLs, web_rids and Douyin IDs, and rejects the rest', () => {
    expect(parseWebRid('https://live.douyin.com/80017709309?enter_from=x')).toBe('80017709309')
    expect(parseWebRid('live.douyin.com/516466932480')).toBe('516466932480')
    expect(parseWebRid(' 80017709309 ')).toBe('80017709309')
    expect(parseWebRid('TZ11306')).toBe('TZ11306')
    expect(() => parseWebRid('')).toThrow(/live room URL/)
    expect(() => parseWebRid('https://v.douyin.com/abc/')).toThrow(/live room URL/)
  })

  it('overrides endpoints and validates them', () => {
    expect(endpointsFrom({ base: 'http://127.0.0.1:1/', ws: 'ws://127.0.0.1:2/p/?a=1' })).toEqual({
      base: 'http://127.0.0.1:1',
      pushUrls: ['ws://127.0.0.1:2/p/']
    })
    expect(endpointsFrom(undefined).pushUrls[0]).toBe(
      'wss://webcast100-ws-web-hl.douyin.com/webcast/im/push/v2/'
    )
    expect(() => endpointsFrom({ ws: 'http://x' })).toThrow(/douyinWs/)
  })
})

describe('push URL', () => {
  it('escapes like a browser: raw | : / , ; + and %20 for spaces', () => {
    const url = buildPushUrl('wss://h/webcast/im/push/v2/', {
      roomId: '7659772534023654196',
      userUniqueId: '7659776308930922010',
      userAgent: DEFAULT_USER_AGENT,
      cursor: 'd-1_u-1_fh-7383731312643626035_t-1719159695790_r-1',
      internalExt: 'internal_src:dim|wss_push_room_id:1|seq:1',
      signature: '64PfoT6J/GCWD+wr'
    })
    expect(url).toContain('&signature=64PfoT6J/GCWD+wr')
    expect(url).toContain(
      'browser_version=5.0%20(Windows%20NT%2010.0;%20Win64;%20x64)%20AppleWebKit/537.36%20(KHTML,%20like%20Gecko)'
    )
    expect(url).toContain('internal_ext=internal_src:dim|wss_push_room_id:1|seq:1')
    expect(url).toContain('&host=https://live.douyin.com&')
    const q = parseRawQuery(url.split('?')[1]!)
    expect(q.get('signature')).toBe('64PfoT6J/GCWD+wr')
    expect(q.get('browser_version')).toBe(DEFAULT_USER_AGENT.slice('Mozilla/'.length))
    expect(q.size).toBe(32)
  })
})
