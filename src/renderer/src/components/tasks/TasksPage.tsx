import { useEffect, useMemo, useRef, useState } from 'react'
import { TASK_STATES, type TaskRecord, type TaskState } from '../../../../shared/tasks'
import { isMessageKey, useT, type MessageKey, type Translate } from '../../i18n/i18n'
import { formatClock } from '../../lib/format'
import { mergeTaskHistory, span, timelineBars } from '../../lib/task-timeline'
import { useApp } from '../../store/hooks'
import { Card } from '../common/Card'

/** Attempts the page remembers across snapshots (the snapshot carries only the latest few dozen). */
const HISTORY = 600
const WINDOW_MS = 60_000

function poolName(name: string, t: Translate): string {
  return name === 'processing' || name === 'tts' ? t(`pool.${name}` as MessageKey) : name
}

function reasonText(reason: string | undefined, t: Translate): string {
  if (!reason) return ''
  const key = `taskReason.${reason}`
  return isMessageKey(key) ? t(key) : reason
}

/** Every attempt seen in the status snapshots, newest last, bounded. */
function useTaskHistory(): TaskRecord[] {
  const recent = useApp((s) => s.status?.tasks?.recent)
  const history = useRef(new Map<string, TaskRecord>())
  const [list, setList] = useState<TaskRecord[]>([])
  useEffect(() => {
    if (!recent) return
    history.current = mergeTaskHistory(history.current, recent, HISTORY)
    setList([...history.current.values()])
  }, [recent])
  return list
}

function Counts() {
  const t = useT()
  const pools = useApp((s) => s.status?.tasks?.pools) ?? []
  return (
    <Card title={t('tasks.counts')} level={3} testId="task-counts">
      <table className="task-counts">
        <thead>
          <tr>
            <th scope="col">{t('tasks.col.pool')}</th>
            {TASK_STATES.map((s) => (
              <th key={s} scope="col">
                {t(`taskState.${s}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {pools.map((p) => (
            <tr key={p.pool} data-testid={`task-counts-${p.pool}`}>
              <th scope="row">{poolName(p.pool, t)}</th>
              {TASK_STATES.map((s) => (
                <td key={s} data-state={s}>
                  {p.counts[s]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  )
}

function Timeline({ records, now }: { records: TaskRecord[]; now: number }) {
  const t = useT()
  const pools = [...new Set(records.map((r) => r.pool))].sort()
  return (
    <Card title={t('tasks.timeline')} level={3} testId="task-timeline">
      <ul className="legend task-legend" aria-label={t('tasks.legend')}>
        {TASK_STATES.map((s) => (
          <li key={s}>
            <span className={`task-swatch task-${s}`} aria-hidden="true" />
            {t(`taskState.${s}`)}
          </li>
        ))}
        <li>
          <span className="task-swatch task-wait" aria-hidden="true" />
          {t('tasks.waiting')}
        </li>
      </ul>
      {pools.map((pool) => {
        const bars = timelineBars(
          records.filter((r) => r.pool === pool),
          now,
          WINDOW_MS
        )
        return (
          <div className="task-lane" key={pool} data-testid={`task-lane-${pool}`}>
            <span className="task-lane-name">{poolName(pool, t)}</span>
            <svg
              className="task-lane-chart"
              viewBox="0 0 1000 20"
              preserveAspectRatio="none"
              role="img"
              aria-label={t('tasks.timelineLabel', { pool: poolName(pool, t) })}
            >
              {bars.map((b) => (
                <g key={b.key} data-state={b.state}>
                  {b.waitWidth > 0 ? (
                    <rect
                      className="task-bar-wait"
                      x={b.waitX * 1000}
                      y={7}
                      width={b.waitWidth * 1000}
                      height={6}
                    />
                  ) : null}
                  <rect
                    className={`task-bar task-${b.state}`}
                    x={b.x * 1000}
                    y={2}
                    width={b.width * 1000}
                    height={16}
                  />
                </g>
              ))}
            </svg>
          </div>
        )
      })}
    </Card>
  )
}

/** The tasks page: per-state counts per pool, a timeline per pool, and a filterable table. */
export function TasksPage() {
  const t = useT()
  const records = useTaskHistory()
  const now = useApp((s) => s.status?.at) ?? Date.now()
  const [pool, setPool] = useState('')
  const [state, setState] = useState<TaskState | ''>('')
  const pools = useMemo(() => [...new Set(records.map((r) => r.pool))].sort(), [records])
  const shown = records
    .filter((r) => (pool === '' || r.pool === pool) && (state === '' || r.state === state))
    .slice(-200)
    .reverse()
  const ms = (n: number | undefined) => (n === undefined ? '' : t('tasks.ms', { n }))
  return (
    <div className="tasks-page" data-testid="tasks">
      <p className="hint">{t('tasks.hint')}</p>
      <Counts />
      <Timeline records={records} now={now} />
      <Card title={t('tasks.table')} level={3} testId="task-table-card">
        <div className="task-filters">
          <label>
            {t('tasks.filter.pool')}{' '}
            <select
              data-testid="task-filter-pool"
              value={pool}
              onChange={(e) => setPool(e.target.value)}
            >
              <option value="">{t('tasks.filter.all')}</option>
              {pools.map((p) => (
                <option key={p} value={p}>
                  {poolName(p, t)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('tasks.filter.state')}{' '}
            <select
              data-testid="task-filter-state"
              value={state}
              onChange={(e) => setState(e.target.value as TaskState | '')}
            >
              <option value="">{t('tasks.filter.all')}</option>
              {TASK_STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`taskState.${s}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        {records.length === 0 ? (
          <p className="hint">{t('tasks.none')}</p>
        ) : shown.length === 0 ? (
          <p className="hint">{t('tasks.noMatch')}</p>
        ) : (
          <table className="task-table" data-testid="task-table">
            <thead>
              <tr>
                <th scope="col">{t('tasks.col.queuedAt')}</th>
                <th scope="col">{t('tasks.col.pool')}</th>
                <th scope="col">{t('tasks.col.id')}</th>
                <th scope="col">{t('tasks.col.attempt')}</th>
                <th scope="col">{t('tasks.col.state')}</th>
                <th scope="col">{t('tasks.col.worker')}</th>
                <th scope="col">{t('tasks.col.wait')}</th>
                <th scope="col">{t('tasks.col.run')}</th>
                <th scope="col">{t('tasks.col.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr
                  key={`${r.pool}:${r.id}:${r.attempt}`}
                  data-testid="task-row"
                  data-pool={r.pool}
                  data-id={r.id}
                  data-attempt={r.attempt}
                  data-state={r.state}
                >
                  <td>{formatClock(r.queuedAt)}</td>
                  <td>{poolName(r.pool, t)}</td>
                  <td>{r.id}</td>
                  <td>{r.attempt}</td>
                  <td>
                    <span className={`task-state task-${r.state}`}>
                      {t(`taskState.${r.state}`)}
                    </span>
                  </td>
                  <td data-worker={r.worker ?? ''}>{r.worker ?? ''}</td>
                  <td>{ms(span(r.queuedAt, r.startedAt))}</td>
                  <td>{ms(span(r.startedAt, r.endedAt))}</td>
                  <td data-reason={r.reason ?? ''}>{reasonText(r.reason, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  )
}
