import { z } from 'zod'
import { DEVICE_NAME_RULE, isSafeDeviceName } from '../audio-device'
import { isRecordingName, RECORDING_NAME_RULE } from '../recording-name'
import { rule } from '../settings-issues'
import { voiceNameSchema } from './line-rule'

/** What is never read, and thresholds. */
export const filterSchema = z
  .strictObject({
    /** Lines containing any of these (case-, width- and spacing-insensitive) are not spoken. */
    blockedWords: z.array(z.string().min(1).max(50)).max(2000).default([]),
    /** Also match blocked words by pinyin, so homophones (家威信 for 加微信) are caught. */
    blockedPinyin: z.boolean().default(true),
    /** User ids or exact nicknames never read. */
    blockedUsers: z.array(z.string().min(1).max(64)).max(5000).default([]),
    /** User ids or exact nicknames always read: no rate limit, dedupe or sampling. */
    allowedUsers: z.array(z.string().min(1).max(64)).max(5000).default([]),
    /** Shortest chat content read, in characters. */
    minLength: z.int().min(1).max(50).default(1),
    /** Longest chat content spoken, in characters; longer content is cut. */
    maxLength: z.int().min(5).max(500).default(50),
    /** Runs of one character longer than this are cut to this length (哈哈哈哈哈 → 哈哈哈). */
    maxRepeat: z.int().min(1).max(20).default(3),
    /** Chats from users below this fans-club level are not read (0 = everyone). */
    minFansClubLevel: z.int().min(0).max(100).default(0),
    /** Gifts whose combo is worth less than this many diamonds are not thanked (0 = all). */
    minGiftDiamonds: z.int().min(0).max(10_000_000).default(0)
  })
  .prefault({})

export const antiSpamSchema = z
  .strictObject({
    /** Chats read per user per window; 0 = unlimited. */
    perUserLimit: z.int().min(0).max(100).default(2),
    perUserWindowSec: z.number().min(1).max(3600).default(20),
    /** The same chat text from anyone within this many seconds is read once (0 = off). */
    dedupeWindowSec: z.number().min(0).max(3600).default(30)
  })
  .prefault({})

/**
 * Load shedding: as the text queue grows, step down (1 drop names, 2 shorten, 3 sample chats,
 * 4 gifts and follows only) and step back up as it drains.
 */
export const sheddingSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    /** Queue length at which levels 1–4 begin. */
    thresholds: z
      .tuple([z.int().min(1), z.int().min(1), z.int().min(1), z.int().min(1)])
      .refine(
        (t) => t[0] < t[1] && t[1] < t[2] && t[2] < t[3],
        rule('thresholds-increase', 'thresholds must increase')
      )
      .default([12, 25, 45, 80]),
    /** Seconds the queue must stay low before stepping back up one level. */
    recoverAfterSec: z.number().min(0.5).max(600).default(5),
    /** Level 3: at most one chat per this many seconds, preferring users not heard recently. */
    sampleEverySec: z.number().min(0.5).max(60).default(3),
    /** Speak an alert when stepping down (with a cool-down). */
    spokenAlert: z.boolean().default(true),
    alertCooldownSec: z.number().min(5).max(3600).default(60)
  })
  .prefault({})

/** Per-user wording: read-as nickname and voice, keyed by user id. */
export const usersSchema = z
  .record(
    z.string().min(1).max(64),
    z.strictObject({ readAs: z.string().max(32).optional(), voice: voiceNameSchema.optional() })
  )
  .refine(
    (r) => Object.keys(r).length <= 5000,
    rule('too-many', 'at most 5000 users', { max: 5000 })
  )
  .default({})

const accelerator = z
  .string()
  .max(64)
  .refine(
    (k) => /^$|^[A-Za-z0-9+]+$/.test(k),
    rule('hotkey', 'an accelerator like CommandOrControl+Alt+S, or empty for none')
  )

/** Global hotkeys (desktop app). Empty = not bound. */
export const hotkeysSchema = z
  .strictObject({
    skip: accelerator.default('CommandOrControl+Alt+S'),
    clear: accelerator.default('CommandOrControl+Alt+C'),
    pause: accelerator.default('CommandOrControl+Alt+P'),
    volumeUp: accelerator.default('CommandOrControl+Alt+Up'),
    volumeDown: accelerator.default('CommandOrControl+Alt+Down'),
    rateUp: accelerator.default('CommandOrControl+Alt+Right'),
    rateDown: accelerator.default('CommandOrControl+Alt+Left')
  })
  .prefault({})

export const audioSchema = z
  .strictObject({
    volume: z.number().min(0).max(2).default(1),
    /** Output device name (as listed by the app); empty = the system default. */
    device: z
      .string()
      .max(128)
      .refine(isSafeDeviceName, rule('device-name', DEVICE_NAME_RULE))
      .default(''),
    /**
     * When set, every line played is also appended to this WAV file in the recordings folder (a
     * name, never a path; an existing file that is not a WAV is never overwritten).
     */
    recordFile: z
      .string()
      .max(124)
      .refine(isRecordingName, rule('recording-name', RECORDING_NAME_RULE))
      .default('')
  })
  .prefault({})

export const prewarmSchema = z
  .strictObject({
    /** Synthesise common fixed lines in the background at start-up. */
    enabled: z.boolean().default(true),
    /** Extra phrases to keep ready. */
    phrases: z.array(z.string().min(1).max(100)).max(200).default([]),
    /** Gift names whose no-name thank-you lines are pre-synthesised. */
    giftNames: z
      .array(z.string().min(1).max(20))
      .max(100)
      .default([
        '小心心',
        '玫瑰',
        '抖音',
        '人气票',
        '棒棒糖',
        '你最好看',
        '加油鸭',
        '墨镜',
        '跑车',
        '嘉年华'
      ])
  })
  .prefault({})
