/** The connect form's choices and the source spec strings the main process understands. */
export type SourceMode = 'douyin' | 'relay' | 'demo' | 'replay'

export const SOURCE_MODES: readonly SourceMode[] = ['douyin', 'relay', 'demo', 'replay']

/** BarrageGrab's default local WebSocket. */
export const DEFAULT_RELAY_URL = 'ws://127.0.0.1:8888'

/**
 * Douyin's share text wraps the link in words ("【某某的直播间】 https://v.douyin.com/abc/ 复制此链接…"):
 * take the link out of it; otherwise the input is a room URL or ID as typed.
 */
export function douyinTarget(input: string): string {
  const url = /https?:\/\/[^\s，。！？、"'“”<>]+/.exec(input)
  return (url ? url[0] : input).trim()
}

/** The spec for `connect`, or undefined when the mode needs input that is missing. */
export function toSourceSpec(mode: SourceMode, input: string): string | undefined {
  if (mode === 'demo') return 'demo'
  const value = mode === 'douyin' ? douyinTarget(input) : input.trim()
  return value === '' ? undefined : `${mode}:${value}`
}

/** Splits a spec back into the form's mode and input (to show what is connected). */
export function fromSourceSpec(
  spec: string | undefined
): { mode: SourceMode; input: string } | undefined {
  if (!spec) return undefined
  if (spec === 'demo') return { mode: 'demo', input: '' }
  const colon = spec.indexOf(':')
  const mode = spec.slice(0, colon) as SourceMode
  if (colon === -1 || !SOURCE_MODES.includes(mode)) return undefined
  return { mode, input: spec.slice(colon + 1) }
}

/**
 * What the add-room box means: a full spec (`relay:…`, `replay:…`, `douyin:…`, `demo`) as typed,
 * otherwise a Douyin room link, share text or ID. Undefined when empty.
 */
export function roomSpecFromInput(input: string): string | undefined {
  const typed = input.trim()
  if (typed === 'demo') return 'demo'
  const parsed = fromSourceSpec(typed)
  if (parsed && parsed.mode !== 'demo') return toSourceSpec(parsed.mode, parsed.input)
  return toSourceSpec('douyin', typed)
}
