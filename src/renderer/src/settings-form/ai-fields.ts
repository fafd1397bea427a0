import { list, num, p, text, toggle, type SectionSpec } from './field-specs'

/** AI 回复: the endpoint, what triggers a reply, and how the reply line is spoken. */
export const AI_SECTIONS: SectionSpec[] = [
  {
    id: 'aiEndpoint',
    title: 's.aiEndpoint',
    hint: 'h.aiEndpoint',
    wide: true,
    fields: [
      toggle('ai.enabled'),
      text('ai.endpoint', { wide: true, placeholder: 'http://127.0.0.1:11434/v1' }),
      { kind: 'secret', path: p('ai.apiKey'), label: 'f.ai.apiKey' },
      text('ai.model'),
      toggle('ai.stream'),
      num('ai.timeoutMs', 500, 300_000, 500),
      text('ai.systemPrompt', { wide: true, hint: 'h.ai.systemPrompt' })
    ]
  },
  {
    id: 'aiTriggers',
    title: 's.aiTriggers',
    fields: [
      toggle('ai.triggers.questions'),
      toggle('ai.triggers.mentions'),
      toggle('ai.triggers.bigGifts'),
      list('ai.triggers.names'),
      list('ai.triggers.keywords'),
      num('ai.perMinute', 1, 60),
      num('ai.maxReplyChars', 10, 300),
      num('ai.maxInputChars', 10, 500)
    ]
  },
  {
    id: 'aiLine',
    title: 's.aiLine',
    hint: 'h.aiLine',
    fields: [
      text('ai.line.voice'),
      num('ai.line.rate', 0, 450),
      num('ai.line.volume', 0, 2, 0.05),
      num('ai.line.priority', 0, 9),
      num('ai.line.weight', 0, 100, 0.25),
      num('ai.line.ackTargetSec', 1, 600),
      num('ai.line.freshnessSec', 5, 600),
      num('ai.line.cap', 1, 100)
    ]
  }
]
