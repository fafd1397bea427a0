import protobuf from 'protobufjs/light'
import { DOUYIN_SCHEMA } from './douyin-schema'
import { assertWireTypes } from './wire-check'

/**
 * Not used by the app: the decoder reads frames with the hand-written wire reader (wire-reader.ts,
 * webcast-wire.ts, webcast-messages.ts). This protobufjs codec stays as the tests' oracle and frame
 * builder and as the benchmark's "protobufjs full decode" baseline (protobufjs is a devDependency).
 *
 * protobufjs types for the webcast protocol, plus small converters. uint64 values come out of
 * protobufjs as Long objects (it loads `long`), which print exactly; `u64()` turns them into
 * decimal strings. Ids never pass through a JS number.
 */
const root = protobuf.Root.fromJSON(DOUYIN_SCHEMA)
root.resolveAll()

const type = (name: string) => root.lookupType(`webcast.${name}`)

/** The resolved message types, by name. */
export const T = {
  PushFrame: type('PushFrame'),
  Response: type('Response'),
  Message: type('Message'),
  ChatMessage: type('ChatMessage'),
  EmojiChatMessage: type('EmojiChatMessage'),
  GiftMessage: type('GiftMessage'),
  LikeMessage: type('LikeMessage'),
  MemberMessage: type('MemberMessage'),
  SocialMessage: type('SocialMessage'),
  RoomUserSeqMessage: type('RoomUserSeqMessage'),
  RoomStatsMessage: type('RoomStatsMessage'),
  FansclubMessage: type('FansclubMessage'),
  ControlMessage: type('ControlMessage')
} as const

if (!protobuf.util.Long) {
  // Without long.js protobufjs decodes uint64 as lossy numbers; refuse to run rather than corrupt ids.
  throw new Error('protobufjs has no Long support: 64-bit ids would lose precision')
}

/** A uint64 as protobufjs returns it: a Long (or a number when it is a default zero). */
export type U64 = { toString(): string } | number

/** A decoded PushFrame (douyin-protocol.md §2.1), declared fields only. */
export interface PbPushFrame {
  seqId: U64
  logId: U64
  headers: { key: string; value: string }[]
  payloadEncoding: string
  payloadType: string
  payload: Uint8Array
}

/** One entry of Response.messages (§2.4). */
export interface PbMessage {
  method: string
  payload: Uint8Array
  msgId: U64
}

/** The gunzipped frame payload, also the im/fetch body (§2.3). */
export interface PbResponse {
  messages: PbMessage[]
  cursor: string
  internalExt: string
  heartbeatDuration: U64
  needAck: boolean
  now: U64
  pushServer: string
  proxyServer: string
  pushServerV2: string
}

/** Field 1 of every Webcast*Message (§3.2). */
export interface PbCommon {
  method: string
  msgId: U64
  roomId: U64
  createTime: U64
  describe: string
}

/** The user fields we read (§3.2 User). */
export interface PbUser {
  id: U64
  nickname: string
  displayId: string
  secUid: string
  idStr: string
}

/** Decimal string of a uint64 field. */
export function u64(value: U64 | null | undefined): string {
  if (value === null || value === undefined) return '0'
  return typeof value === 'number' ? String(Math.trunc(value)) : value.toString()
}

/** A uint64 count as a JS number (counts are small; huge values are clamped, never wrapped). */
export function count(value: U64 | null | undefined): number {
  const text = u64(value)
  if (text.length > 15) return Number.MAX_SAFE_INTEGER
  return Number.parseInt(text, 10)
}

/** Checks wire types, then decodes. Throws on malformed input (callers count and skip). */
export function decodeAs<M>(t: protobuf.Type, bytes: Uint8Array): M {
  assertWireTypes(t, bytes)
  return t.decode(bytes) as unknown as M
}

/** Encodes a plain object (ids as decimal strings are fine) with one of the schema's types. */
export function encodeAs(t: protobuf.Type, value: Record<string, unknown>): Uint8Array {
  return t.encode(t.fromObject(value)).finish()
}
