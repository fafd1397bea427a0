/** Chinese words of the dashboard's AI replies card. */
export const aiZh = {
  'ai.title': 'AI 回复',
  'ai.healthy': '正常',
  'ai.degraded': '有失败',
  'ai.open': '暂停调用（熔断）',
  'ai.noEndpoint': '还没填接口地址',
  'ai.busy': '正在生成…',
  'ai.counts': '已回复 {replied} · 失败 {failed} · 被过滤 {filtered} · 超限跳过 {limited}',
  'ai.lastError': '最近一次失败：{what}'
} as const
