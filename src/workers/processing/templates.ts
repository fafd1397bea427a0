import type { LiveEvent } from '../../shared/events'

/** The values a template may use. Untrusted text is substituted as plain text, never evaluated. */
export function templateValues(event: LiveEvent, content: string): Record<string, string> {
  return {
    user: event.user ? speakableName(event.user.nickname, event.user.masked === true) : '有人',
    content,
    count: String(event.gift?.count ?? event.count ?? 1),
    gift: event.gift?.name ?? '礼物',
    total: String(event.total ?? ''),
    online: String(event.online ?? '')
  }
}

/** Fills `{name}` placeholders in one pass, so a nickname containing `{content}` stays literal. */
export function renderTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{([a-z]+)\}/g, (whole, name: string) => values[name] ?? whole)
}

/**
 * Masked nicknames (`用户****`, `薛***`) are read as "用户" / "薛某" instead of "星号星号星号".
 */
export function speakableName(nickname: string, masked: boolean): string {
  const stripped = nickname.replace(/[*＊]+/g, '').trim()
  if (stripped === '') return '神秘人'
  if (masked || stripped !== nickname.trim()) {
    if (stripped === '用户') return '一位用户'
    return [...stripped].length <= 2 ? `${stripped}某` : stripped
  }
  return nickname.trim()
}
