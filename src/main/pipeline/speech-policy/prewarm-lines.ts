import type { Settings } from '../../../shared/settings'
import { chooseVariants, parseTemplate } from '../../../shared/settings-schema/template-syntax'
import { renderTemplate } from '../../../workers/processing/templates'

/**
 * Fixed lines worth having ready: every type's no-name line (what is spoken when names are off or
 * shed), no-name thanks for common gifts, and the user's own phrases. Every variant is included.
 */
export function prewarmLines(settings: Settings): string[] {
  const out: string[] = []
  const all = (template: string, values: Record<string, string>) => {
    try {
      for (const variant of variantsOf(template)) out.push(renderTemplate(variant, values).trim())
    } catch {
      // an invalid template cannot be in validated settings; skip defensively
    }
  }
  for (const [type, rules] of Object.entries(settings.events)) {
    if (!rules.enabled || type === 'chat' || type === 'stats' || type === 'like') continue
    if (type === 'gift')
      for (const gift of settings.prewarm.giftNames) all(rules.templateNoName, { count: '1', gift })
    else all(rules.templateNoName, {})
  }
  out.push(...settings.prewarm.phrases)
  return [...new Set(out.filter((t) => t !== '' && !/\{[a-z]+\}/.test(t)))]
}

/** Every combination of a template's variants (templates are short; this stays small). */
function variantsOf(template: string): string[] {
  const parts = parseTemplate(template)
  let combos = ['']
  for (const part of parts) {
    const options = part.kind === 'text' ? [part.text] : part.variants.map((v) => v.text)
    combos = combos.flatMap((c) => options.map((o) => c + o)).slice(0, 50)
  }
  return combos.length > 0 ? combos : [chooseVariants(parts, Math.random)]
}
