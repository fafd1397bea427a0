/** FNV-1a over a string's UTF-16 code units, from `basis` (the standard offset basis by default). */
export function fnv1a(text: string, basis = 2166136261): number {
  let h = basis
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619)
  return h
}
