/**
 * `WebcastSocialMessage.action`: 1 = follow, 3 = share (BarrageGrab, OrdinaryRoad agree).
 * Other values are not documented and are ignored.
 */
export function socialEventType(action: number): 'follow' | 'share' | undefined {
  if (action === 1) return 'follow'
  if (action === 3) return 'share'
  return undefined
}
