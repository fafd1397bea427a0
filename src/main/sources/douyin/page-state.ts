/**
 * Reads room facts from the live page HTML (douyin-protocol.md §1.3 A). The state sits as escaped
 * JSON inside `self.__pace_f.push([1,"…"])` chunks; it is parsed properly when possible, and by the
 * markers other clients use when not.
 */
export interface PageRoom {
  roomId?: string
  /** 2 = live, 4 = ended (1 prepare, 3 paused). */
  status?: number
  userUniqueId?: string
  title?: string
  anchor?: string
  /** The page carried the SSR state at all (without it, it is a risk-control/verification page). */
  hasState: boolean
}

const PUSH_CHUNK = /self\.__pace_f\.push\(\[1,("(?:[^"\\]|\\.)*")\]\)/g

/** Reads room id, status, title, anchor and user_unique_id from the live page HTML. */
export function parseLivePage(html: string): PageRoom {
  const state = extractState(html)
  const room: PageRoom = { hasState: state !== undefined }
  if (state !== undefined) {
    const info = pick(state, ['roomStore', 'roomInfo'])
    const r = pick(info, ['room'])
    room.roomId = str(pick(info, ['roomId'])) ?? str(pick(r, ['id_str']))
    room.status = num(pick(r, ['status']))
    room.title = str(pick(r, ['title']))
    room.anchor = str(pick(info, ['anchor', 'nickname'])) ?? str(pick(r, ['owner', 'nickname']))
    room.userUniqueId = str(pick(state, ['userStore', 'odin', 'user_unique_id']))
  }
  // Marker fallbacks on the raw (escaped) text, as jwwsjlm/OrdinaryRoad do.
  const text = html.replace(/\\+"/g, '"')
  room.roomId ??=
    /"roomId":"(\d{6,})"/.exec(text)?.[1] ?? /"id_str":"(\d{6,})","status":\d/.exec(text)?.[1]
  room.status ??=
    num(/"id_str":"\d+","status":(\d)/.exec(text)?.[1]) ??
    num(/"status_str":"(\d)"/.exec(text)?.[1])
  room.userUniqueId ??= /"user_unique_id":"(\d{6,})"/.exec(text)?.[1]
  if (!room.hasState && room.roomId !== undefined) room.hasState = true
  return room
}

/** Joins the flight chunks, finds `{"state":…}` and parses that object. */
function extractState(html: string): Record<string, unknown> | undefined {
  let flight = ''
  for (const m of html.matchAll(PUSH_CHUNK)) {
    try {
      flight += JSON.parse(m[1]!) as string
    } catch {
      // A chunk that is not a plain JSON string literal: skip it, the markers may still work.
    }
  }
  const start = flight.indexOf('{"state":')
  if (start === -1) return undefined
  const end = matchBrace(flight, start)
  if (end === -1) return undefined
  try {
    const parsed = JSON.parse(flight.slice(start, end + 1)) as { state?: unknown }
    return typeof parsed.state === 'object' && parsed.state !== null
      ? (parsed.state as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/** Index of the `}` closing the object that opens at `start`, honouring strings. -1 if none. */
function matchBrace(s: string, start: number): number {
  let depth = 0
  let inString = false
  for (let i = start; i < s.length; i++) {
    const c = s[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '{') depth++
    else if (c === '}' && --depth === 0) return i
  }
  return -1
}

function pick(value: unknown, path: string[]): unknown {
  let v = value
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined
    v = (v as Record<string, unknown>)[key]
  }
  return v
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined
}

function num(v: unknown): number | undefined {
  const n = typeof v === 'string' ? Number.parseInt(v, 10) : v
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined
}
