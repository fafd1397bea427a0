import { describe, expect, it } from 'vitest'
import { ConfigPacker, ConfigUnpacker } from './packed-config'
import { parseSettings, type SettingsInput } from './settings'

function rules(input: SettingsInput = {}) {
  const r = parseSettings(input)
  if (!r.ok) throw new Error(r.errors.join('; '))
  const { events, filter, giftTiers, speech, users } = r.settings
  return { events, filter, giftTiers, speech, users }
}

describe('packed processing settings', () => {
  it('reach a thread whole, parsed once per version', () => {
    const users: Record<string, { readAs: string; voice: string }> = {}
    for (let i = 0; i < 5_000; i++)
      users[String(3_900_000_000_000_000 + i)] = { readAs: `老朋友${i}`, voice: 'zh' }
    const input = rules({ users, filter: { blockedWords: ['坏词'], allowedUsers: ['u2'] } })
    const packer = new ConfigPacker()
    const unpacker = new ConfigUnpacker()
    const packed = packer.pack(input)
    const first = unpacker.unpack({ ...packed, shedLevel: 0 })
    expect(first).toEqual({ ...input, shedLevel: 0 })
    // The same settings objects: the same buffer, and the thread keeps what it parsed.
    expect(packer.pack({ ...input })).toBe(packed)
    expect(unpacker.unpack({ ...packed, shedLevel: 0 })).toBe(first)
    // A new shedding level needs no new parse.
    const shed = unpacker.unpack({ ...packed, shedLevel: 3 })
    expect(shed).toEqual({ ...input, shedLevel: 3 })
    expect(shed.users).toBe(first.users)
  })

  it('a settings change makes a new version, and the thread reads it', () => {
    const packer = new ConfigPacker()
    const unpacker = new ConfigUnpacker()
    const before = packer.pack(rules())
    unpacker.unpack({ ...before, shedLevel: 0 })
    const changed = rules({ filter: { blockedWords: ['新词'] } })
    const after = packer.pack(changed)
    expect(after.version).toBeGreaterThan(before.version)
    expect(unpacker.unpack({ ...after, shedLevel: 0 }).filter.blockedWords).toEqual(['新词'])
  })
})
