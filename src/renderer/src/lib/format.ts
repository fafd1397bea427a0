import type { Lang, Translate } from '../i18n/i18n'

/** Number and time formatting for the dashboard, in the UI language. */

/** 1234 → "1,234"; NaN/undefined → "–". */
export function formatCount(n: number | undefined, lang: Lang): string {
  if (n === undefined || !Number.isFinite(n)) return '–'
  return n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US')
}

/** A rate with one decimal when it is small (0.2/s matters, 120.4/s does not need the decimal). */
export function formatRate(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '–'
  return n >= 100 ? String(Math.round(n)) : n.toFixed(1)
}

/** Milliseconds as "850 毫秒" / "1.3 秒" / "2 分钟". */
export function formatMs(ms: number | undefined, t: Translate): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–'
  if (ms < 1000) return t('unit.ms', { n: Math.round(ms) })
  if (ms < 60_000)
    return t('unit.sec', { n: ms < 10_000 ? (ms / 1000).toFixed(1) : Math.round(ms / 1000) })
  return t('unit.min', { n: Math.round(ms / 60_000) })
}

/** Bytes as KB/MB with one decimal. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** 0.853 → "85%"; undefined → "–". */
export function formatPercent(share: number | undefined): string {
  return share === undefined ? '–' : `${Math.round(share * 100)}%`
}

/** Epoch ms → local "HH:MM:SS". */
export function formatClock(at: number): string {
  const d = new Date(at)
  return [d.getHours(), d.getMinutes(), d.getSeconds()]
    .map((n) => String(n).padStart(2, '0'))
    .join(':')
}

/** Two latencies in seconds with one unit, compact enough for a tile: "0.1 / 1.3 秒". */
export function formatSecondsPair(
  a: number | undefined,
  b: number | undefined,
  t: Translate
): string {
  if (a === undefined || b === undefined) return '–'
  const sec = (ms: number) =>
    ms >= 10_000 ? String(Math.round(ms / 1000)) : (ms / 1000).toFixed(1)
  return t('unit.sec', { n: `${sec(a)} / ${sec(b)}` })
}
