import type { PipelineStatus } from '../../shared/status'

const pct = (part: number, whole: number) =>
  whole === 0 ? '–' : `${Math.round((part / whole) * 100)}%`

/** One line: rates, queue lengths, pool sizes, what is playing. */
export function formatStatusLine(s: PipelineStatus): string {
  const secs = Math.round((s.at - s.startedAt) / 1000)
  const lanes = s.queues.text.lanes
    .filter((l) => l.length > 0)
    .map((l) => `p${l.priority}:${l.length}`)
    .join(' ')
  const pools = s.pools.map((p) => `${p.name} ${p.size}[${p.min}-${p.max}]`).join(' ')
  const hits = s.cache.hits + s.cache.coalesced
  const playing = s.nowPlaying ? ` ▶ ${s.nowPlaying.text.slice(0, 24)}` : ''
  return (
    `[${secs}s] ${s.source.kind}:${s.source.state} in ${s.rates.eventsIn.toFixed(1)}/s` +
    ` | msgQ ${s.queues.message.length} textQ ${s.queues.text.length}${lanes ? ` (${lanes})` : ''}` +
    ` | spoken ${s.counts.spoken} dropped ${s.counts.dropped} | ${pools} | cache ${pct(hits, hits + s.cache.misses)}${playing}`
  )
}

/** The exit summary: counts per stage, drops by reason, pools, cache, latency. */
export function formatSummary(s: PipelineStatus): string {
  const ms = (v: number | undefined) => (v === undefined ? '–' : `${Math.round(v)} ms`)
  const drops =
    Object.entries(s.drops)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none'
  const lines = [
    `DanmuVoice summary (${Math.round((s.at - s.startedAt) / 1000)} s, source ${s.source.kind}${s.source.error ? `: ${s.source.error}` : ''})`,
    `  events received ${s.counts.received}, processed ${s.counts.processed}, lines queued ${s.counts.queued}, spoken ${s.counts.spoken}, dropped ${s.counts.dropped}`,
    `  drops by reason: ${drops}`,
    ...s.pools.map(
      (p) =>
        `  pool ${p.name}: size ${p.size} (min ${p.min}, max ${p.max}), ${p.completed} tasks, ${p.failed} failed, ${p.retried} retried, ${p.totalResizes} resizes`
    ),
    `  speech: ${s.tts.description ?? 'not started'}; synthesised ${s.tts.synthesized}, cache ${s.cache.hits + s.cache.coalesced} hits / ${s.cache.misses} misses, ${(s.cache.bytes / 1048576).toFixed(1)} MB`,
    `  audio: ${s.player.sink} ${s.player.state}, played ${s.player.played}, not played ${s.player.notPlayed}${s.player.lastError ? ` (${s.player.lastError})` : ''}`,
    `  latency event→first audio: p50 ${ms(s.latency.all.p50)}, p95 ${ms(s.latency.all.p95)} (miss p50 ${ms(s.latency.miss.p50)}, hit p50 ${ms(s.latency.hit.p50)})`
  ]
  const ai = s.ai
  if (ai?.enabled) {
    const c = ai.counts
    lines.push(
      `  AI replies: ${c.replied} spoken of ${c.triggered} triggers (${c.limited} over the limit), ${c.failed} failed, ${c.filtered} filtered; endpoint ${ai.health}${ai.lastError ? ` (last: ${ai.lastError})` : ''}`
    )
  }
  return lines.join('\n')
}
