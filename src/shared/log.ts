/** The one log-level set, shared by the pipeline, the worker protocols and the IPC contract. */
export type LogLevel = 'info' | 'warn' | 'error'

/**
 * One structured log entry. `code`, when present, is what code and the UI branch on (and what the
 * renderer words in its own language); `message` is the English detail for people and log files.
 */
export interface LogEntry {
  level: LogLevel
  code?: string
  message: string
}

/** The one logger shape handed to components; `code` when code or the UI may act on the entry. */
export type Log = (level: LogLevel, message: string, code?: string) => void

/** A log entry, with its code only when it has one. */
export function logEntry(level: LogLevel, message: string, code?: string): LogEntry {
  return code === undefined ? { level, message } : { level, code, message }
}
