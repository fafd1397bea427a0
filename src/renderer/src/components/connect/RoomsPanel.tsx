import { useState } from 'react'
import type { RoomStatus } from '../../../../shared/status'
import { codeText } from '../../i18n/describe'
import { useT } from '../../i18n/i18n'
import { roomSpecFromInput } from '../../lib/source-spec'
import { addRoom, removeRoom, saveSettings } from '../../store/actions'
import { useApp } from '../../store/hooks'
import { Card } from '../common/Card'
import { ErrorLine } from '../common/ErrorLine'

/** Stable while there is no status (a fresh [] each render would never settle). */
const NO_ROOMS: RoomStatus[] = []

/** One room's line: where it stands, what it brought, whether it is read; remove it. */
function RoomRow({ room, removable }: { room: RoomStatus; removable: boolean }) {
  const t = useT()
  const rule = useApp((s) => s.settings?.rooms[room.spec])
  const busy = useApp((s) => s.busy.rooms === true || s.busy.settings === true)
  const enabled = rule?.enabled !== false
  const title = room.source.roomTitle ?? room.spec
  return (
    <li className="room-row" data-testid={`room-${room.key}`} data-state={room.source.state}>
      <span className="room-key" aria-label={t('rooms.key')}>
        {room.key}
      </span>
      <span className="room-main">
        <span className="ellipsis" title={room.spec}>
          {rule?.prefix ? <b>{rule.prefix} </b> : null}
          {title}
        </span>
        <span className="muted small">
          <span className={`pill source-${room.source.state}`}>
            {t(`source.${room.source.state}`)}
          </span>{' '}
          {t('rooms.counts', { received: room.received, waiting: room.waiting })}
        </span>
        {room.errorCode ? (
          <span className="error-line small" data-code={room.errorCode}>
            {codeText(room.errorCode, undefined, t)}
          </span>
        ) : null}
      </span>
      <label className="toggle small">
        <input
          type="checkbox"
          data-testid={`room-${room.key}-enabled`}
          checked={enabled}
          disabled={busy}
          onChange={(e) =>
            void saveSettings({ rooms: { [room.spec]: { enabled: e.target.checked } } })
          }
        />
        <span>{t('rooms.read')}</span>
      </label>
      <button
        type="button"
        className="small danger"
        data-testid={`room-${room.key}-remove`}
        disabled={!removable || busy}
        title={removable ? undefined : t('rooms.lastHint')}
        onClick={() => void removeRoom(room.key)}
      >
        {t('rooms.remove')}
      </button>
    </li>
  )
}

/**
 * Several rooms at once: each joined room with its state and a switch to read it or not, and a box
 * to add another (a Douyin link or ID, or a relay/replay spec). Weights, prefixes and voices per
 * room are under 设置 → 直播间.
 */
export function RoomsPanel() {
  const t = useT()
  const rooms = useApp((s) => s.status?.rooms ?? NO_ROOMS)
  const running = useApp((s) => s.session.state === 'running')
  const busy = useApp((s) => s.busy.rooms === true)
  const error = useApp((s) => s.errors.rooms)
  const link = useApp((s) => s.link)
  const [input, setInput] = useState('')
  const spec = roomSpecFromInput(input)
  if (!running) return null
  return (
    <Card title={t('rooms.title')} testId="rooms-panel">
      <ul className="room-list">
        {rooms.map((room) => (
          <RoomRow key={room.key} room={room} removable={rooms.length > 1} />
        ))}
      </ul>
      <form
        className="connect-form"
        onSubmit={(e) => {
          e.preventDefault()
          if (!spec) return
          void addRoom(spec).then((r) => r.ok && setInput(''))
        }}
      >
        <label className="field">
          <span>{t('rooms.add.label')}</span>
          <input
            data-testid="room-input"
            value={input}
            placeholder={t('connect.douyin.placeholder')}
            onChange={(e) => setInput(e.target.value)}
            spellCheck={false}
            autoComplete="off"
          />
        </label>
        <button
          type="submit"
          data-testid="room-add"
          disabled={!spec || busy || link !== 'open'}
          title={spec}
        >
          {t('rooms.add')}
        </button>
      </form>
      <ErrorLine error={error} testId="rooms-error" />
    </Card>
  )
}
