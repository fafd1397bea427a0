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
