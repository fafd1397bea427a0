/**
 * Why a pool task ended without a result, as a code the task log (and anything else) branches on,
 * never the words: `stopped` when the pool or its engine was shut down under the task (the caller
 * is let go, nothing is wrong), `worker-killed` when the thread or process running it died,
 * `protocol` when it answered with something that is not a result.
 */
export type TaskErrorCode = 'stopped' | 'worker-killed' | 'protocol'

export class TaskError extends Error {
  override readonly name = 'TaskError'

  constructor(
    readonly code: TaskErrorCode,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }
}

/** The task's pool (or the engine behind it) is shut down: the task is let go. */
export function stoppedError(what: string): TaskError {
  return new TaskError('stopped', `${what} is not running`)
}

/** The code an error carries (`TaskError`, or any error with a string `code`), if any. */
export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}
