import { createHash } from 'node:crypto'

/**
 * The WebSocket `signature` parameter, computed natively from the algorithm described in
 * douyin-protocol.md §1.5 (a re-implementation from that description; no Douyin code involved).
 */

/** The parameters the stub covers; they must equal the ones in the URL. */
export interface StubParams {
  roomId: string
  userUniqueId: string
  sdkVersion: string
}

/** `X-MS-STUB`: md5 hex of the 13 fixed `key=value` pairs joined with `,`. */
export function xMsStub(p: StubParams): string {
  const text = [
    'live_id=1',
    'aid=6383',
    'version_code=180800',
    `webcast_sdk_version=${p.sdkVersion}`,
    `room_id=${p.roomId}`,
    'sub_room_id=',
    'sub_channel_id=',
    'did_rule=3',
    `user_unique_id=${p.userUniqueId}`,
    'device_platform=web',
    'device_type=',
    'ac=',
    'identity=audience'
  ].join(',')
  return createHash('md5').update(text).digest('hex')
}

/** The random parts of one signature; fixed in tests to reproduce the published vectors. */
export interface SignatureNonce {
  counter: number
  flagBit: 0 | 1
  r1: number
  r2: number
}

const ALPHABET = 'Dkdpgh4ZKsQB80/Mfvw36XI1R25+WUAlEi7NLboqYTOPuzmFjJnryx9HVGcaStCe'
const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest()
/** md5(md5("")) as raw digests: bytes 14 and 15 are 0x45 0x3f. */
const EMPTY_DIGEST2 = md5(md5(new Uint8Array(0)))

/** `frontierSign(stub)["X-Bogus"]`: 16 characters of a 12-byte token in a swapped base64 alphabet. */
export function frontierSign(stubHex: string, nonce: SignatureNonce): string {
  if (!/^[0-9a-f]{32}$/i.test(stubHex)) throw new TypeError('stub must be 32 hex digits')
  const d = md5(Buffer.from(stubHex, 'hex'))
  const payload = [
    nonce.counter & 0x3f,
    0x00,
    0x01,
    0x0e,
    EMPTY_DIGEST2[14]!,
    EMPTY_DIGEST2[15]!,
    d[14]!,
    d[15]!,
    nonce.r1 & 0xff
  ]
  payload.push(payload.reduce((x, b) => x ^ b, 0))
  const raw = Buffer.from([
    0x40 | (nonce.flagBit ? 0x10 : 0),
    nonce.r2 & 0xff,
    ...rc4([nonce.r2 & 0xff], payload)
  ])
  let out = ''
  for (const ch of raw.toString('base64')) out += ALPHABET[STANDARD.indexOf(ch)]
  return out
}

function rc4(key: number[], data: number[]): number[] {
  const s = Array.from({ length: 256 }, (_, i) => i)
  let j = 0
  for (let i = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff
    ;[s[i], s[j]] = [s[j]!, s[i]!]
  }
  let i = 0
  j = 0
  return data.map((byte) => {
    i = (i + 1) & 0xff
    j = (j + s[i]!) & 0xff
    ;[s[i], s[j]] = [s[j]!, s[i]!]
    return byte ^ s[(s[i]! + s[j]!) & 0xff]!
  })
}

/** Signs with a per-session counter (incremented before each signature) and fresh random bytes. */
export class Signer {
  #counter = 0

  constructor(readonly random: () => number = Math.random) {}

  sign(p: StubParams): string {
    this.#counter = (this.#counter + 1) & 0x3f
    const byte = () => Math.floor(this.random() * 255) // 0..254
    return frontierSign(xMsStub(p), {
      counter: this.#counter,
      flagBit: this.random() < 0.5 ? 0 : 1,
      r1: byte(),
      r2: byte()
    })
  }
}

/**
 * Checks a signature against URL parameters the way a server could: only the two stub-derived bytes
 * and the checksum are verifiable. Used by the test push server.
 */
export function verifySignature(signature: string, p: StubParams): boolean {
  if (!/^[A-Za-z0-9+/]{16}$/.test(signature)) return false
  let b64 = ''
  for (const ch of signature) b64 += STANDARD[ALPHABET.indexOf(ch)] ?? ''
  const raw = Buffer.from(b64, 'base64')
  if (raw.length !== 12 || (raw[0]! & 0xef) !== 0x40) return false
  const payload = rc4([raw[1]!], [...raw.subarray(2)])
  const d = md5(Buffer.from(xMsStub(p), 'hex'))
  const xor = payload.slice(0, 9).reduce((x, b) => x ^ b, 0)
  return payload[6] === d[14] && payload[7] === d[15] && payload[9] === xor
}
