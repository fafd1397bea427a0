import type { CommandError } from '../../../../shared/ipc/contract'
import { commandErrorText } from '../../i18n/describe'
import { useT } from '../../i18n/i18n'

/** A failed command, in words from its code (never the main process's English). */
export function ErrorLine({ error, testId }: { error: CommandError | undefined; testId?: string }) {
  const t = useT()
  if (!error) return null
  return (
    <p className="error-line" role="alert" data-testid={testId}>
      {commandErrorText(error, t)}
    </p>
  )
}
