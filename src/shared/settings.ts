import { z } from 'zod'
import type { EventType } from './events'
import {
  antiSpamSchema,
  audioSchema,
  filterSchema,
  hotkeysSchema,
  prewarmSchema,
  sheddingSchema,
  usersSchema
} from './settings-schema/behaviour-settings'
import { overlaySchema, roomSchema, roomsSchema } from './settings-schema/app-settings'
import { aiSchema } from './settings-schema/ai-settings'
import { eventSchema, giftTiersSchema } from './settings-schema/event-settings'
import { voiceNameSchema } from './settings-schema/line-rule'
import { planSchema } from './settings-schema/plan-settings'
import { issueLines, rule, toSettingsIssues, type SettingsIssue } from './settings-issues'
import { EXTRA_TTS_ENGINES, ttsEnginesSettingsSchema } from './tts-engine-settings'

export { TEMPLATE_FIELDS } from './settings-schema/template-syntax'

/**
 * The settings schema: what `--config` reads and what the desktop app persists. One schema for both,
 * validated once on load; unknown keys are errors (a typo must not be silently ignored).
 * Every field has a default, so a file may set only what it changes.
 */

const poolBounds = (min: number, max: number) =>
  z
    .strictObject({
      min: z.int().min(1).max(POOL_CEILING).default(min),
      max: z.int().min(1).max(POOL_CEILING).default(max)
    })
    .prefault({})
    .refine((b) => b.min <= b.max, {
      ...rule('min-over-max', 'min must not exceed max'),
      path: ['min']
    })

/** Hard ceiling of threads per pool; piscina pools are built once at this size (platform-notes.md). */
export const POOL_CEILING = 8

/** Offline espeak-ng (program or WebAssembly), or an online/OS engine with espeak-ng as its fallback. */
export const TTS_ENGINES = ['auto', 'espeak-cli', 'espeak-wasm', ...EXTRA_TTS_ENGINES] as const
export type TtsEngineName = (typeof TTS_ENGINES)[number]

export const settingsSchema = z.strictObject({
  version: z.literal(1).default(1),
  events: z
    .strictObject({
      chat: eventSchema({
        enabled: true,
        template: '{user}说：{content}',
        templateNoName: '{content}',
        priority: 2,
        freshnessSec: 20,
        cap: 60,
        ackTargetSec: 20,
        weight: 1.5
      }),
      gift: eventSchema({
        enabled: true,
        template: '[感谢:3|谢谢]{user}送的{count}个{gift}',
        templateNoName: '感谢送出的{count}个{gift}',
        priority: 4,
        freshnessSec: 120,
        cap: 100,
        ackTargetSec: 10,
        weight: 3
      }),
      like: eventSchema({
        enabled: true,
        template: '{user}点了{count}个赞',
        templateNoName: '感谢点赞',
        priority: 1,
        freshnessSec: 10,
        cap: 3,
        ackTargetSec: 60,
        weight: 0.75
      }),
      member: eventSchema({
        enabled: true,
        template: '[欢迎:3|欢迎欢迎]{user}',
        templateNoName: '欢迎新朋友',
        priority: 1,
        freshnessSec: 8,
        cap: 5,
        ackTargetSec: 45,
        weight: 1
      }),
      follow: eventSchema({
        enabled: true,
        template: '感谢{user}的关注',
        templateNoName: '感谢关注',
        priority: 3,
        freshnessSec: 60,
        cap: 30,
        ackTargetSec: 20,
        weight: 2.5
      }),
      share: eventSchema({
        enabled: true,
        template: '感谢{user}分享直播间',
        templateNoName: '感谢分享直播间',
        priority: 2,
        freshnessSec: 30,
        cap: 10,
        ackTargetSec: 45,
        weight: 1
      }),
      stats: eventSchema({
        enabled: false,
        template: '当前在线{online}人',
        templateNoName: '当前在线{online}人',
        priority: 0,
        freshnessSec: 10,
        cap: 1,
        ackTargetSec: 10,
        weight: 0.5
      }),
      fansclub: eventSchema({
        enabled: true,
        template: '欢迎{user}加入粉丝团',
        templateNoName: '欢迎新粉丝加入粉丝团',
        priority: 3,
        freshnessSec: 60,
        cap: 20,
        ackTargetSec: 30,
        weight: 1.5
      }),
      end: eventSchema({
        enabled: true,
        template: '直播已结束',
        templateNoName: '直播已结束',
        priority: 5,
        freshnessSec: 60,
        cap: 1,
        ackTargetSec: 5,
        weight: 1
      })
    })
    .prefault({}),
  /** Gift lines by combo value (count × diamonds); a tier may mark big gifts. */
  giftTiers: giftTiersSchema,
  /** The speech planner: merged lines, shared speech time, big gifts first, adaptive rate. */
  plan: planSchema,
  speech: z
    .strictObject({
      /** Read nicknames; off, every line uses its type's no-name template. */
      readNames: z.boolean().default(true)
    })
    .prefault({}),
  users: usersSchema,
  filter: filterSchema,
  antiSpam: antiSpamSchema,
  shedding: sheddingSchema,
  queues: z
    .strictObject({
      /** Events waiting for processing; beyond it the least important, oldest event is shed. */
      messageCapacity: z.int().min(10).max(1_000_000).default(5000),
      /** Lines of speech waiting in all lanes together. */
      textCapacity: z.int().min(1).max(100_000).default(200)
    })
    .prefault({}),
  pools: z
    .strictObject({
      processing: poolBounds(1, 2),
      tts: poolBounds(1, 2)
    })
    .prefault({}),
  scaling: z
    .strictObject({
      /** How often the DynamicThreadPool samples queue lengths. */
      intervalMs: z.int().min(50).max(60_000).default(500)
    })
    .prefault({}),
  tts: z
    .strictObject({
      /** `auto`: the espeak-ng program when installed (fast), else the built-in WebAssembly voice. */
      engine: z.enum(TTS_ENGINES).default('auto'),
      /** Engine voice name; empty = the engine's Mandarin voice. */
      voice: voiceNameSchema.default(''),
      /** Words per minute (espeak-ng scale). */
      rate: z.int().min(80).max(450).default(175),
      cacheMB: z.number().min(1).max(2048).default(64),
      /** Endpoints, voices, timeouts and the fallback policy of the online and OS engines. */
      engines: ttsEnginesSettingsSchema
    })
    .prefault({}),
  prewarm: prewarmSchema,
  audio: audioSchema,
  hotkeys: hotkeysSchema,
  /** The OBS overlay link's port. */
  overlay: overlaySchema,
  /** Douyin room access: capture mode and the streamer's login cookie. */
  room: roomSchema,
  /** Several rooms at once: per-room on/off, share of speech time, prefix and voice. */
  rooms: roomsSchema,
  /** AI replies to viewers (off by default): endpoint, triggers, limits and the reply line. */
  ai: aiSchema
})

export type Settings = z.output<typeof settingsSchema>
export type SettingsInput = z.input<typeof settingsSchema>
export type EventSettings = Settings['events'][EventType]

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({})

export type SettingsResult =
  { ok: true; settings: Settings } | { ok: false; errors: string[]; issues: SettingsIssue[] }

export type { SettingsIssue } from './settings-issues'

/**
 * Validates untrusted settings. `issues` carry a code per field for the UI's words; `errors` are
 * the same as `path: message` lines, e.g. `pools.tts.max: Too big: expected number to be <=8`.
 */
export function parseSettings(input: unknown): SettingsResult {
  const result = settingsSchema.safeParse(input)
  if (result.success) return { ok: true, settings: result.data }
  const issues = result.error.issues.flatMap(toSettingsIssues)
  return { ok: false, errors: issueLines(issues), issues }
}
