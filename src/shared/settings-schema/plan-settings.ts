import { z } from 'zod'
import { templateSchemaFor } from './event-settings'

/**
 * The speech planner's settings (`plan`): whether it runs, how merged lines read, how many names a
 * merged line reads, and the adaptive speaking rate. Per-type acknowledgement targets and weights
 * live with each type in `events`; the big-gift threshold is a flag on a gift tier.
 */

/** Placeholders of a merged line about several people. */
export const GROUP_FIELDS = ['names', 'people', 'others', 'gift'] as const
/** Placeholders of one person's several gifts (`gifts` = "3个小心心和1个玫瑰"). */
export const ONE_USER_GIFT_FIELDS = ['user', 'gifts'] as const
/** Placeholders of one item in a list of gifts (`{count}个{gift}`). */
export const GIFT_ITEM_FIELDS = ['count', 'gift'] as const
/** Placeholders of one big gift in a shared line (`gifts` = "跑车", or "3个墨镜" for several). */
export const BIG_GIFT_ITEM_FIELDS = ['user', 'gifts'] as const
/** Placeholders of several big gifts read together (`items` = "A送的1个跑车、B送的2个嘉年华"). */
export const BIG_GIFTS_FIELDS = ['items'] as const

/** The wording of a merged line about several people of one kind. */
export interface GroupWording {
  /** Every name is read: `感谢{names}的关注`. */
  all: string
  /** Only the first names are read: `感谢{names}等{people}位朋友的关注`. */
  some: string
  /** Names are not read (switched off, or the names limit is 0): `感谢{people}位新朋友的关注`. */
  none: string
}

/** Every merged-line wording, one set per language. */
export interface MergeWording {
  gift: GroupWording
  giftSame: GroupWording
  follow: GroupWording
  member: GroupWording
  fansclub: GroupWording
  share: GroupWording
  like: GroupWording
  giftOneUser: string
  giftItem: string
  bigGifts: string
  /** One big gift in a shared line: `{user}的{gifts}`. */
  bigGiftItem: string
  /** Between names, and before the last name (`A、B、C`; `A, B and C`). */
  nameSeparator: string
  nameLastSeparator: string
  /** Between gift items, and before the last (`3个小心心、2个玫瑰和1个墨镜`). */
  itemSeparator: string
  itemLastSeparator: string
}

const zhGroup = (verb: (who: string) => string, none: string): GroupWording => ({
  all: verb('{names}'),
  some: verb('{names}等{people}位朋友'),
  none
})

const enGroup = (verb: (who: string) => string, none: string): GroupWording => ({
  all: verb('{names}'),
  some: verb('{names} and {others} others'),
  none
})

/** Ready-made wordings the settings page offers; Chinese is the default. */
export const MERGE_WORDING_PRESETS: Record<'zh' | 'en', MergeWording> = {
  zh: {
    gift: zhGroup((w) => `感谢${w}送的礼物`, '感谢{people}位朋友送的礼物'),
    giftSame: zhGroup((w) => `感谢${w}送的{gift}`, '感谢{people}位朋友送的{gift}'),
    follow: {
      all: '感谢{names}的关注',
      some: '感谢{names}等{people}位朋友的关注',
      none: '感谢{people}位新朋友的关注'
    },
    member: zhGroup((w) => `欢迎${w}`, '欢迎{people}位新朋友'),
    fansclub: zhGroup((w) => `欢迎${w}加入粉丝团`, '欢迎{people}位新粉丝加入粉丝团'),
    share: zhGroup((w) => `感谢${w}分享直播间`, '感谢{people}位朋友分享直播间'),
    like: zhGroup((w) => `感谢${w}的点赞`, '感谢{people}位朋友的点赞'),
    giftOneUser: '感谢{user}送的{gifts}',
    giftItem: '{count}个{gift}',
    bigGifts: '感谢{items}！',
    bigGiftItem: '{user}的{gifts}',
    nameSeparator: '、',
    nameLastSeparator: '、',
    itemSeparator: '、',
    itemLastSeparator: '和'
  },
  en: {
    gift: enGroup(
      (w) => `Thank you ${w} for the gifts`,
      'Thank you, {people} friends, for the gifts'
    ),
    giftSame: enGroup(
      (w) => `Thank you ${w} for the {gift}`,
      'Thank you, {people} friends, for the {gift}'
    ),
    follow: enGroup((w) => `Thank you ${w} for following`, 'Thank you, {people} new followers'),
    member: enGroup((w) => `Welcome ${w}`, 'Welcome, {people} new friends'),
    fansclub: enGroup(
      (w) => `Welcome ${w} to the fan club`,
      'Welcome, {people} new fan club members'
    ),
    share: enGroup((w) => `Thank you ${w} for sharing`, 'Thank you, {people} friends, for sharing'),
    like: enGroup(
      (w) => `Thank you ${w} for the likes`,
      'Thank you, {people} friends, for the likes'
    ),
    giftOneUser: 'Thank you {user} for {gifts}',
    giftItem: '{count} {gift}',
    bigGifts: 'Huge thanks for {items}!',
    bigGiftItem: 'the {gifts} from {user}',
    nameSeparator: ', ',
    nameLastSeparator: ' and ',
    itemSeparator: ', ',
    itemLastSeparator: ' and '
  }
}

const zh = MERGE_WORDING_PRESETS.zh
const group = (d: GroupWording) =>
  z
    .strictObject({
      all: templateSchemaFor(GROUP_FIELDS).default(d.all),
      some: templateSchemaFor(GROUP_FIELDS).default(d.some),
      none: templateSchemaFor(GROUP_FIELDS).default(d.none)
    })
    .prefault({})
const separator = (d: string) => z.string().min(1).max(8).default(d)

export const mergeWordingSchema = z
  .strictObject({
    gift: group(zh.gift),
    giftSame: group(zh.giftSame),
    follow: group(zh.follow),
    member: group(zh.member),
    fansclub: group(zh.fansclub),
    share: group(zh.share),
    like: group(zh.like),
    giftOneUser: templateSchemaFor(ONE_USER_GIFT_FIELDS).default(zh.giftOneUser),
    giftItem: templateSchemaFor(GIFT_ITEM_FIELDS).default(zh.giftItem),
    bigGifts: templateSchemaFor(BIG_GIFTS_FIELDS).default(zh.bigGifts),
    bigGiftItem: templateSchemaFor(BIG_GIFT_ITEM_FIELDS).default(zh.bigGiftItem),
    nameSeparator: separator(zh.nameSeparator),
    nameLastSeparator: separator(zh.nameLastSeparator),
    itemSeparator: separator(zh.itemSeparator),
    itemLastSeparator: separator(zh.itemLastSeparator)
  })
  .prefault({})

export const planSchema = z
  .strictObject({
    /**
     * Plan the speech (merge, share speech time, big gifts first, adaptive rate). Off: the plain
     * priority queue, line by line.
     */
    enabled: z.boolean().default(true),
    /** Names a merged line reads before "等N位朋友" (0 = none). */
    namesLimit: z.int().min(0).max(10).default(3),
    /** Adaptive speaking rate: faster while the backlog is long, back to normal as it drains. */
    rateBoost: z
      .strictObject({
        enabled: z.boolean().default(true),
        /** Backlog, in seconds of speech, at which the rate starts to rise. */
        startBacklogSec: z.number().min(1).max(600).default(12),
        /** The most the rate rises, in percent of the line's own rate. */
        maxPercent: z.int().min(0).max(100).default(30)
      })
      .prefault({}),
    wording: mergeWordingSchema
  })
  .prefault({})

export type PlanSettings = z.output<typeof planSchema>
