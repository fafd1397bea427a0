import type { LineType } from '../../../../shared/speech'
import { eventTypeName } from '../../i18n/describe'
import { useT } from '../../i18n/i18n'

/**
 * The event type as a small coloured label (one fixed colour per type, see app.css); the app's own
 * lines (test voice, backlog alerts) are labelled 系统 whatever type they were queued as.
 */
export function TypeBadge({ type, system }: { type: LineType; system?: boolean }) {
  const t = useT()
  if (system)
    return (
      <span className="type-badge type-system" data-type="system">
        {t('type.system')}
      </span>
    )
  return (
    <span className={`type-badge type-${type}`} data-type={type}>
      {eventTypeName(type, t)}
    </span>
  )
}
