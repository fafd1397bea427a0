import type { LiveUser } from '../../../shared/events'

/** The uid Douyin gives every anonymised viewer (OrdinaryRoad #230). */
export const MASKED_USER_ID = '111111'

/** `用户****`, `薛***`: a short prefix followed by three or more asterisks and nothing else. */
const MASKED_NAME = /^[^*]{0,12}[*＊]{3,}$/u

/** True when Douyin hid the viewer's real nickname. */
export function isMaskedNickname(nickname: string): boolean {
  return MASKED_NAME.test(nickname.trim())
}

/** Returns the user with `masked: true` set when the name or id shows anonymisation. */
export function flagMasked(user: LiveUser): LiveUser {
  if (user.masked === true) return user
  if (user.id === MASKED_USER_ID || isMaskedNickname(user.nickname))
    return { ...user, masked: true }
  return user
}

/**
 * A key that tells users apart for aggregation. Masked viewers share one uid, so their visible
 * prefix is all we have (two `薛***` stay merged; that is the best the data allows).
 */
export function userKey(user: LiveUser | undefined): string {
  if (user === undefined) return '?'
  return user.masked === true || user.id === MASKED_USER_ID ? `m:${user.nickname}` : `u:${user.id}`
}
