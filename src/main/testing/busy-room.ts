import type { EventType, LiveEvent } from '../../shared/events'
import { seededRandom } from '../sources/testing/prng'

/**
 * A generated busy live room, reproducible from a seed: what the planner tests and the busy-room
 * benchmark replay. The mix follows the measured room (2% gifts, 2% follows) with chats
 * making up most of the rest; a few gifts are big (跑车 1,200 diamonds and up).
 */

export interface BusyRoomOptions {
  eventsPerSec: number
  durationSec: number
  seed?: number
  /** Epoch ms of the first event. @default 1_700_000_000_000 */
  startTs?: number
}

/** Share of each type among the events (sums to 1). */
export const BUSY_ROOM_MIX: Readonly<Record<Exclude<EventType, 'stats' | 'end'>, number>> = {
  chat: 0.74,
  member: 0.13,
  like: 0.06,
  gift: 0.02,
  follow: 0.02,
  share: 0.015,
  fansclub: 0.015
}

/** Share of gifts that are big (1,000 diamonds and up): the room had 2 in 90 gifts. */
const BIG_GIFT_SHARE = 0.022

/** Small gifts, cheap ones listed more often (they are sent far more often). */
const SMALL_GIFTS = [
  { id: '463', name: '小心心', diamonds: 1 },
  { id: '463', name: '小心心', diamonds: 1 },
  { id: '463', name: '小心心', diamonds: 1 },
  { id: '10003', name: '玫瑰', diamonds: 1 },
  { id: '10003', name: '玫瑰', diamonds: 1 },
  { id: '685', name: '人气票', diamonds: 1 },
  { id: '2002', name: '棒棒糖', diamonds: 9 },
  { id: '3230', name: '你最好看', diamonds: 2 },
  { id: '4219', name: '加油鸭', diamonds: 15 }
]
const BIG_GIFTS = [
  { id: '1060', name: '跑车', diamonds: 1200 },
  { id: '3347', name: '嘉年华', diamonds: 30000 }
]
const NAME_PARTS = ['小', '阿', '大', '老', '星', '月', '风', '云', '山', '河', '花', '猫']
const NAME_ENDS = ['橘子', '伟', '白', '王', '辰', '光', '铃', '海', '川', '朵', '咪', '鱼']
const CHATS = [
  '主播好',
  '这个怎么买呀',
  '声音好好听',
  '晚上好呀大家',
  '支持主播',
  '刚下班赶上了',
  '明天还播吗',
  '上车了',
  '哈哈哈哈',
  '666',
  '主播唱首歌吧',
  '好看'
]

/** The room's events, in time order, with decimal string ids. */
export function busyRoom(options: BusyRoomOptions): LiveEvent[] {
  const random = seededRandom(options.seed ?? 7)
  const start = options.startTs ?? 1_700_000_000_000
  const total = Math.round(options.eventsPerSec * options.durationSec)
  const types = Object.entries(BUSY_ROOM_MIX) as [LiveEvent['type'], number][]
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!
  const users = Array.from({ length: 4000 }, (_, i) => ({
    id: String(3_800_000_000_000_000n + BigInt(i * 7919)),
    nickname: `${pick(NAME_PARTS)}${pick(NAME_ENDS)}${i % 97 === 0 ? '' : i % 1000}`
  }))
  const events: LiveEvent[] = []
  for (let i = 0; i < total; i++) {
    // Evenly spread with a little jitter, so a replay keeps the rate without bursts of one type.
    const ts = Math.round(start + ((i + random() * 0.5) * 1000) / options.eventsPerSec)
    let r = random()
    let type: LiveEvent['type'] = 'chat'
    for (const [t, share] of types) {
      if (r < share) {
        type = t
        break
      }
      r -= share
    }
    const user = pick(users)
    const event: LiveEvent = { type, id: String(7_400_000_000_000_000_000n + BigInt(i)), ts, user }
    if (type === 'chat') event.content = `${pick(CHATS)}${i % 50 === 0 ? '' : i}`
    if (type === 'like') event.count = 1 + Math.floor(random() * 20)
    if (type === 'gift') {
      const g = random() < BIG_GIFT_SHARE ? pick(BIG_GIFTS) : pick(SMALL_GIFTS)
      const count = g.diamonds >= 1000 ? 1 : 1 + Math.floor(random() * random() * 10)
      event.gift = { id: g.id, name: g.name, count, diamonds: g.diamonds }
    }
    events.push(event)
  }
  return events
}
