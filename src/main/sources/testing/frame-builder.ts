import { gzipSync } from 'node:zlib'
import { encodeAs, T } from '../douyin/testing/protobuf-codec'

/**
 * Builds webcast protocol bytes for tests and the benchmark, with the same descriptors the decoder
 * uses. Ids are decimal strings so 64-bit values stay exact.
 */
export interface TestUser {
  id: string
  nickname: string
}

/** A Response.messages entry ready to encode. */
export interface TestMessage {
  method: string
  payload: Uint8Array
  msgId: string
}

const common = (method: string, msgId: string, roomId: string) => ({
  method,
  msgId,
  roomId,
  createTime: '1776584127911'
})

function message(
  method: string,
  msgId: string,
  body: Record<string, unknown>,
  roomId = '7630361251285076745'
): TestMessage {
  const type = T[method.replace(/^Webcast/, '') as keyof typeof T]
  return {
    method,
    msgId,
    payload: encodeAs(type, { common: common(method, msgId, roomId), ...body })
  }
}

/** Gift fields for msg.gift(); counts default to 0, group_count to 1. */
export interface TestGift {
  user: TestUser
  giftId: string
  name: string
  groupId: string
  repeatCount?: number
  comboCount?: number
  groupCount?: number
  repeatEnd?: boolean
  combo?: boolean
  diamonds?: number
}

/** One builder per message kind the decoder reads. */
export const msg = {
  chat: (msgId: string, user: TestUser, content: string) =>
    message('WebcastChatMessage', msgId, { user, content }),
  emoji: (msgId: string, user: TestUser, text: string) =>
    message('WebcastEmojiChatMessage', msgId, { user, defaultContent: text, emojiId: '1' }),
  gift: (msgId: string, g: TestGift) =>
    message('WebcastGiftMessage', msgId, {
      user: g.user,
      giftId: g.giftId,
      groupId: g.groupId,
      repeatCount: g.repeatCount ?? 0,
      comboCount: g.comboCount ?? 0,
      groupCount: g.groupCount ?? 1,
      repeatEnd: g.repeatEnd ? 1 : 0,
      gift: { id: g.giftId, name: g.name, combo: g.combo ?? true, diamondCount: g.diamonds ?? 1 }
    }),
  like: (msgId: string, user: TestUser, count: number, total: number) =>
    message('WebcastLikeMessage', msgId, { user, count, total }),
  member: (msgId: string, user: TestUser, memberCount: number) =>
    message('WebcastMemberMessage', msgId, { user, memberCount }),
  social: (msgId: string, user: TestUser, action: number) =>
    message('WebcastSocialMessage', msgId, { user, action, shareTarget: action === 3 ? '1' : '' }),
  userSeq: (msgId: string, total: number) =>
    message('WebcastRoomUserSeqMessage', msgId, { total, totalUser: total * 10 }),
  roomStats: (msgId: string, value: number) =>
    message('WebcastRoomStatsMessage', msgId, {
      displayValue: value,
      displayLong: `${value}人在线`
    }),
  fansclub: (msgId: string, user: TestUser, action: number, content: string) =>
    message('WebcastFansclubMessage', msgId, { user, action, content }),
  control: (msgId: string, action: number) =>
    message('WebcastControlMessage', msgId, { action, tips: '直播已结束' }),
  raw: (method: string, msgId: string, payload: Uint8Array): TestMessage => ({
    method,
    msgId,
    payload
  })
}

/** Response-level fields. */
export interface ResponseOptions {
  cursor?: string
  internalExt?: string
  needAck?: boolean
}

/** A Response protobuf (also what im/fetch returns). */
export function buildResponse(messages: TestMessage[], o: ResponseOptions = {}): Uint8Array {
  return encodeAs(T.Response, {
    messages,
    cursor: o.cursor ?? 't-1_r-1_d-1_u-1',
    internalExt: o.internalExt ?? '',
    needAck: o.needAck ?? false,
    fetchInterval: 1000,
    now: '1776584127911',
    heartbeatDuration: 0
  })
}

/** PushFrame-level fields on top of the Response ones. */
export interface FrameOptions extends ResponseOptions {
  logId?: string
  seqId?: string
  /** gzip the payload and say so in `compress_type`. @default true */
  gzip?: boolean
  payloadType?: string
}

/** A server → client PushFrame carrying a Response. */
export function buildFrame(messages: TestMessage[], o: FrameOptions = {}): Uint8Array {
  const response = buildResponse(messages, o)
  const gzip = o.gzip ?? true
  return encodeAs(T.PushFrame, {
    seqId: o.seqId ?? '1',
    logId: o.logId ?? '1',
    service: 8888,
    method: 8,
    headers: gzip
      ? [
          { key: 'compress_type', value: 'gzip' },
          { key: 'im-now', value: '1776584127911' }
        ]
      : [],
    payloadEncoding: 'pb',
    payloadType: o.payloadType ?? 'msg',
    payload: gzip ? gzipSync(response) : response
  })
}

/** Decodes what a client sent (heartbeat or ACK) for the test server's records. */
export function readClientFrame(bytes: Uint8Array): {
  payloadType: string
  logId: string
  payload: string
} {
  const f = T.PushFrame.decode(bytes) as unknown as {
    payloadType: string
    logId: { toString(): string }
    payload: Uint8Array
  }
  return {
    payloadType: f.payloadType,
    logId: f.logId.toString(),
    payload: new TextDecoder().decode(Uint8Array.from(f.payload ?? []))
  }
}
