import type { z } from 'zod'

/**
 * Settings validation problems as codes with values, so every UI can word them in its own
 * language (the renderer's i18n tables) while the command line keeps zod's English message.
 * Our own checks carry their code in the issue's `params.code` (see {@link rule}); zod's built-in
 * checks are mapped from the issue kind.
 */

/** Values for a code's wording (`{max}`, `{name}`). */
export type IssueParams = Record<string, string | number>

/** One problem with one field. */
export interface SettingsIssue {
  /** Dotted field path (`pools.tts.max`, `filter.blockedWords.0`); `(root)` for the whole object. */
  path: string
  /** Stable code (`too-big`, `template-empty`, `unknown-setting`, …): the renderer words it. */
  code: string
  params?: IssueParams
  /** English, for the command line and logs. */
  message: string
}

/**
 * A check of our own with a stable code: `schema.refine(test, rule('device-name', 'words'))`.
 * zod drops `params` on string-format checks, so such checks are written as refinements.
 */
export function rule(
  code: string,
  message: string,
  extra: IssueParams = {}
): { message: string; params: IssueParams } {
  return { message, params: { ...extra, code } }
}

/** A refinement that a string matches `pattern`, reported under `code`. */
export function matches(pattern: RegExp, code: string, message: string) {
  return [(value: string) => pattern.test(value), rule(code, message)] as const
}

type ZodIssue = z.core.$ZodIssue

/** One zod issue → one or more coded issues (unknown keys are reported one per key). */
export function toSettingsIssues(issue: ZodIssue): SettingsIssue[] {
  const path = issue.path.map(String).join('.')
  const at = path || '(root)'
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: path ? `${path}.${key}` : key,
        code: 'unknown-setting',
        message: 'unknown setting'
      }))
    case 'custom': {
      const { code, ...params } = (issue.params ?? {}) as IssueParams
      return [
        {
          path: at,
          code: typeof code === 'string' ? code : 'invalid',
          ...(Object.keys(params).length > 0 ? { params } : {}),
          message: issue.message
        }
      ]
    }
    case 'too_big': {
      const max = Number(issue.maximum)
      const sized = issue.origin === 'string' || issue.origin === 'array'
      return [
        { path: at, code: sized ? 'too-long' : 'too-big', params: { max }, message: issue.message }
      ]
    }
    case 'too_small': {
      const min = Number(issue.minimum)
      const sized = issue.origin === 'string' || issue.origin === 'array'
      if (sized && min <= 1) return [{ path: at, code: 'empty', message: issue.message }]
      return [
        {
          path: at,
          code: sized ? 'too-short' : 'too-small',
          params: { min },
          message: issue.message
        }
      ]
    }
    case 'invalid_type': {
      const expected = String(issue.expected)
      // zod says `int` for a fractional number, `number` for NaN, text or nothing.
      const code =
        expected === 'int' ? 'not-integer' : expected === 'number' ? 'not-number' : 'wrong-type'
      return [{ path: at, code, params: { expected }, message: issue.message }]
    }
    case 'invalid_value':
      return [
        {
          path: at,
          code: 'bad-choice',
          params: { options: issue.values.map(String).join(' / ') },
          message: issue.message
        }
      ]
    case 'invalid_format':
      return [
        {
          path: at,
          code: issue.format === 'url' ? 'bad-url' : 'bad-format',
          message: issue.message
        }
      ]
    case 'invalid_key':
      // A record key failed its own checks: report what the key's schema said, at the key.
      return issue.issues.flatMap((inner) => toSettingsIssues({ ...inner, path: issue.path }))
    default:
      return [{ path: at, code: 'invalid', message: issue.message }]
  }
}

/** `path: message` lines for the command line and logs. */
export function issueLines(issues: readonly SettingsIssue[]): string[] {
  return issues.map((i) => `${i.path}: ${i.message}`)
}
