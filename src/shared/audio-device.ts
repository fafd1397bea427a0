/**
 * Which output device names may reach the audio library. An ALSA device name is a PCM definition,
 * not just a name: `file:FILE='|cmd'` makes ALSA's file plugin run `cmd` through a shell, and
 * `file:FILE=x` overwrites `x` (platform-notes.md, "Security facts"). So a name is accepted only as
 * - a bare PCM name defined by the system or the user's own ALSA config (`default`, `pulse`,
 *   `studio`): a reference to a definition, which cannot carry one; or
 * - one of the hardware plugins `aplay -L` lists, with `KEY=value` arguments made of letters,
 *   digits, `_`, `.` and `-` only (`hw:CARD=PCH,DEV=0`, `plughw:1,0`).
 * Quotes, spaces, `|`, `/`, `{`, `$` and every plugin that opens files or programs are refused.
 * On macOS and Windows `speaker` plays to the system default, so no other name is meaningful there.
 */
const PLUGINS = [
  'hw',
  'plughw',
  'sysdefault',
  'front',
  'rear',
  'center_lfe',
  'side',
  'surround21',
  'surround40',
  'surround41',
  'surround50',
  'surround51',
  'surround71',
  'iec958',
  'spdif',
  'hdmi',
  'dmix',
  'dsnoop',
  'usbstream'
] as const

const BARE = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/
const ARG = '[A-Za-z0-9_]{1,32}(?:=[A-Za-z0-9_.-]{1,64})?'
const WITH_ARGS = new RegExp(`^(?:${PLUGINS.join('|')}):${ARG}(?:,${ARG}){0,7}$`)
/** Plugins that open files or run programs: never, not even bare. */
const FORBIDDEN_BARE = new Set(['file', 'shm', 'tee', 'plug', 'hooks', 'ladspa', 'lfloat', 'route'])

/** The rule in words, for field errors. */
export const DEVICE_NAME_RULE =
  'an output device listed by the app (e.g. default, pulse, hw:CARD=PCH,DEV=0)'

/** Whether `name` may be handed to the audio library as an output device (empty = the default). */
export function isSafeDeviceName(name: string): boolean {
  if (name === '') return true
  if (name.length > 128) return false
  if (BARE.test(name)) return !FORBIDDEN_BARE.has(name)
  return WITH_ARGS.test(name)
}
