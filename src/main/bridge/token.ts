import { randomBytes, timingSafeEqual } from 'node:crypto'

/** A fresh random access token for the local UI server. */
export function createToken(): string {
  return randomBytes(24).toString('base64url')
}

/** Constant-time comparison, so the token cannot be guessed byte by byte from timings. */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}
