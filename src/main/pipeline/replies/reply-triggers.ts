import type { AiSettings } from '../../../shared/settings-schema/ai-settings'
import type { SpeechDraft } from '../../../shared/speech'

/** Why a viewer gets an AI reply. */
export type ReplyTrigger = 'question' | 'mention' | 'keyword' | 'big-gift'

/** What the model is told about one viewer's event: data only, never instructions. */
export interface ReplySubject {
  trigger: ReplyTrigger
  /** The event answered. */
  eventId: string
  receivedAt: number
  roomId?: string
  /** The viewer's name as it is read. */
  who?: string
  /** The chat text (cleaned up by processing), for chat triggers. */
  comment?: string
  gift?: { name: string; count: number }
}

/** A question mark, a closing question particle, or a question word. */
const QUESTION =
  /[?？]|[吗呢么嘛][\s。.!！~～]*$|什么|怎么|为什么|为啥|多少|几[个岁点号次]|哪[里儿个些]|是不是|能不能|可不可以|有没有|会不会/u
/** Words that address the streamer. */
const TO_STREAMER = /主播|播播|你/u

/**
 * Whether a line the pipeline is about to speak earns an AI reply, and what the model may know of
 * it. Pure; runs on drafts that passed every filter (a blocked comment never reaches the model).
 * Order: big gift, @-mention, keyword, question.
 */
export function replySubject(draft: SpeechDraft, ai: AiSettings): ReplySubject | undefined {
  if (draft.system || draft.type === 'reply') return undefined
  const base = {
    eventId: draft.eventId,
    receivedAt: draft.receivedAt,
    ...(draft.roomId !== undefined ? { roomId: draft.roomId } : {}),
    ...(draft.who !== undefined ? { who: draft.who } : {})
  }
  const t = ai.triggers
  if (draft.type === 'gift') {
    if (!t.bigGifts || !draft.big || !draft.gift) return undefined
    return {
      ...base,
      trigger: 'big-gift',
      gift: { name: draft.gift.name, count: draft.gift.count }
    }
  }
  if (draft.type !== 'chat') return undefined
  // Processing keeps the cleaned chat text as the dedupe key.
  const comment = draft.dedupeKey
  if (!comment) return undefined
  const chat = { ...base, comment }
  if (t.mentions && mentions(comment, t.names)) return { ...chat, trigger: 'mention' }
  if (t.keywords.some((k) => comment.toLowerCase().includes(k.toLowerCase())))
    return { ...chat, trigger: 'keyword' }
  if (t.questions && QUESTION.test(comment) && addressed(comment, t.names))
    return { ...chat, trigger: 'question' }
  return undefined
}

/** `@name` for one of the streamer's names; any `@` when no name is set. */
function mentions(comment: string, names: readonly string[]): boolean {
  if (!/[@＠]/u.test(comment)) return false
  if (names.length === 0) return true
  const lower = comment.toLowerCase()
  return names.some(
    (n) => lower.includes(`@${n.toLowerCase()}`) || lower.includes(`＠${n.toLowerCase()}`)
  )
}

function addressed(comment: string, names: readonly string[]): boolean {
  return TO_STREAMER.test(comment) || names.some((n) => comment.includes(n))
}
