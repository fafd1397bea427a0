import type { Settings } from '../../../../shared/settings'
import { useT } from '../../i18n/i18n'
import { issueText } from '../../i18n/issues'
import { useField } from '../../settings-form/use-settings-form'
import { useApp } from '../../store/hooks'

type Rooms = Settings['rooms']
type Rule = Rooms[string]

const NO_SOURCES: string[] = []
const NEW_RULE: Rule = { enabled: true, weight: 1, prefix: '', voice: '' }

/**
 * Several rooms at once, per room (keyed by the spec it is joined with): read it or not, its share
 * of speech time, a prefix said before its lines, its own voice.
 */
export function RoomsEditor() {
  const t = useT()
  const field = useField<Rooms>(['rooms'])
  const sources = useApp((s) => s.session.sources ?? NO_SOURCES)
  const rows = Object.entries(field.value ?? {})
  const write = (next: [string, Rule][]) => field.set(Object.fromEntries(next))
  const patchRow = (i: number, change: Partial<Rule>) =>
    write(rows.map((r, j) => (j === i ? [r[0], { ...r[1], ...change }] : r)))
  const missing = sources.filter((spec) => !rows.some(([key]) => key === spec))
  return (
    <div className="users" data-testid="rooms-editor">
      {rows.length === 0 ? <p className="hint">{t('rooms.none')}</p> : null}
      {rows.map(([spec, rule], i) => (
        <fieldset key={i} className="user-row" data-testid={`rooms-row-${i}`}>
          <legend className="sr-only">{spec}</legend>
          <label className="field wide">
            <span>{t('rooms.spec')}</span>
            <input
              value={spec}
              data-testid={`rooms-${i}-spec`}
              spellCheck={false}
              onChange={(e) => write(rows.map((r, j) => (j === i ? [e.target.value, r[1]] : r)))}
            />
          </label>
          <label className="toggle">
            <input
              type="checkbox"
              data-testid={`rooms-${i}-enabled`}
              checked={rule.enabled}
              onChange={(e) => patchRow(i, { enabled: e.target.checked })}
            />
            <span>{t('rooms.read')}</span>
          </label>
          <label className="field">
            <span>{t('rooms.weight')}</span>
            <input
              type="number"
              min={0}
              max={100}
              step={0.25}
              data-testid={`rooms-${i}-weight`}
              value={Number.isNaN(rule.weight) ? '' : rule.weight}
              onChange={(e) =>
                patchRow(i, {
                  weight: e.target.value.trim() === '' ? Number.NaN : Number(e.target.value)
                })
              }
            />
          </label>
          <label className="field">
            <span>{t('rooms.prefix')}</span>
            <input
              value={rule.prefix}
              placeholder={t('rooms.prefix.placeholder')}
              data-testid={`rooms-${i}-prefix`}
              onChange={(e) => patchRow(i, { prefix: e.target.value })}
            />
          </label>
          <label className="field">
            <span>{t('rooms.voice')}</span>
            <input
              value={rule.voice}
              data-testid={`rooms-${i}-voice`}
              spellCheck={false}
              onChange={(e) => patchRow(i, { voice: e.target.value })}
            />
          </label>
          <button
            type="button"
            className="small danger"
            data-testid={`rooms-${i}-remove`}
            onClick={() => write(rows.filter((_, j) => j !== i))}
          >
            {t('user.remove')}
          </button>
        </fieldset>
      ))}
      {field.errors.length > 0 ? (
        <p className="field-error" role="alert">
          {field.errors.map((e) => issueText(e, t)).join('；')}
        </p>
      ) : null}
      <div className="button-row wrap">
        <button
          type="button"
          className="small"
          data-testid="rooms-add-joined"
          disabled={missing.length === 0}
          onClick={() =>
            write([...rows, ...missing.map((spec): [string, Rule] => [spec, { ...NEW_RULE }])])
          }
        >
          {t('rooms.addJoined', { n: missing.length })}
        </button>
        <button
          type="button"
          className="small"
          data-testid="rooms-add"
          onClick={() => write([...rows, ['douyin:', { ...NEW_RULE }]])}
        >
          {t('rooms.addRow')}
        </button>
      </div>
    </div>
  )
}
