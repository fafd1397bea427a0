import type { aiZh } from './ai-zh'

/** English words of the dashboard's AI replies card (see ai-zh.ts). */
export const aiEn: Record<keyof typeof aiZh, string> = {
  'ai.title': 'AI replies',
  'ai.healthy': 'Healthy',
  'ai.degraded': 'Failing at times',
  'ai.open': 'Paused (circuit open)',
  'ai.noEndpoint': 'No endpoint set yet',
  'ai.busy': 'Generating…',
  'ai.counts':
    'Replied {replied} · failed {failed} · filtered {filtered} · over the limit {limited}',
  'ai.lastError': 'Last failure: {what}'
}
