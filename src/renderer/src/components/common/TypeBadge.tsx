import type { EventType } from '../../../../shared/events'
import { eventTypeName } from '../../i18n/describe'
import { useT } from '../../i18n/i18n'

/** The event type as a small coloured label (colour per type, see app.css). */
export function TypeBadge({ type }: { type: EventType }) {
  const t = useT()
  return <span className={`type-badge type-${type}`}>{eventTypeName(type, t)}</span>
}
