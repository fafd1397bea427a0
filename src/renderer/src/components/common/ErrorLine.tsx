import type { CommandError } from '../../../../shared/ipc/contract'
import { commandErrorText } from '../../i18n/describe'
import { useT } from '../../i18n/i18n'

/** A failed command, in friendly words, with the main process's own text underneath when it adds detail. */
export function ErrorLine({ error, testId }: { error: CommandError | undefined; testId?: string }) {
  const t = useT()
  if (!error) return null
  const { text, raw } = commandErrorText(error, t)
  return (
    <p className="error-line" role="alert" data-testid={testId}>
      {text}
      {raw && raw !== text ? <span className="raw">{raw}</span> : null}
    </p>
  )
}
