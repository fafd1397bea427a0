import type { IssueParams } from '../../shared/settings-issues'

/**
 * A command failure the UI words by code (`need-session`, `preview-busy`…); the message is for
 * logs and the command line.
 */
export class CodedError extends Error {
  override name = 'CodedError'
  constructor(
    readonly reason: string,
    message: string,
    readonly params: IssueParams = {}
  ) {
    super(message)
  }
}
