import { z } from 'zod'
import { rule } from '../settings-issues'

/** The port the OBS overlay link uses unless the setting says otherwise. */
export const DEFAULT_OVERLAY_PORT = 17788

/**
 * The local server behind the OBS link. The port is fixed so the link pasted into OBS keeps
 * working after a restart; when another program holds it, a free port is used for that run and a
 * notice says so. Applies at the next start (the page you are reading is served from it).
 */
export const overlaySchema = z
  .strictObject({
    port: z.int().min(1024).max(65535).default(DEFAULT_OVERLAY_PORT)
  })
  .prefault({})

/** How a Douyin room is read, and the streamer's own login cookie for rooms that need one. */
export const roomSchema = z
  .strictObject({
    /** `auto`: the web protocol, then reading the live page when Douyin refuses it. */
    mode: z.enum(['auto', 'direct', 'capture']).default('auto'),
    /**
     * The `Cookie:` header of a logged-in browser session (kept in the data folder). Sent only to
     * Douyin; never a command. Printable text on one line only, so it cannot add headers.
     */
    cookie: z
      .string()
      .max(8192)
      .refine(
        (c) => /^[\x20-\x7e]*$/.test(c),
        rule('cookie', 'one line of printable ASCII, as copied from the browser')
      )
      .default('')
  })
  .prefault({})

/**
 * Several rooms at once: per room, keyed by its source spec as connected (`douyin:…`,
 * `relay:ws://…`), whether it is read, its share of speech time, a prefix said before its lines
 * and its own voice. Rooms without an entry use the defaults.
 */
/** Per-room settings entries kept (the app reads at most as many rooms at once). */
export const MAX_ROOM_RULES = 20

export const roomsSchema = z
  .record(
    z.string().min(1).max(2048),
    z.strictObject({
      enabled: z.boolean().default(true),
      /** Multiplies the weight of each of the room's event types (its share when rooms compete). */
      weight: z.number().min(0).max(100).default(1),
      /** Said before each of its lines, e.g. `二号间：`, so the streamer hears which room. */
      prefix: z
        .string()
        .max(20)
        .refine((p) => !/\p{Cc}/u.test(p), rule('control-chars', 'no control characters'))
        .default(''),
      /** Its own voice; empty = the usual choice. */
      voice: z
        .string()
        .max(64)
        .regex(/^[A-Za-z0-9_+-]*$/, rule('voice-name', 'letters, digits, _ + - only'))
        .default('')
    })
  )
  .refine(
    (r) => Object.keys(r).length <= MAX_ROOM_RULES,
    rule('too-many', `at most ${MAX_ROOM_RULES} rooms`, { max: MAX_ROOM_RULES })
  )
  .default({})
