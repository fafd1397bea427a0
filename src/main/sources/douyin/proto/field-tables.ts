/**
 * The declared fields of the Webcast*Message payloads we read aloud (douyin-protocol.md §3), as
 * tables: field number → name and where its value goes. Compiled once into lookup arrays.
 */

/**
 * Where a field goes (or how it is checked): small integers, so the reader's switch is a jump table
 * and every store goes to one known property of {@link WireFields}.
 */
export const enum Slot {
  /** Not declared: skipped whatever its wire type. */
  None = 0,
  Common,
  User,
  Gift,
  Text,
  Count,
  Total,
  Action,
  GiftId,
  GroupCount,
  RepeatCount,
  ComboCount,
  RepeatEnd,
  GroupId,
  /** Declared but unused: check the wire type only. */
  Varint,
  Len,
  /** Declared message we do not map (GiftMessage.to_user): still checked like the old schema did. */
  UnusedUser
}

/** A message's declared fields: field number → [name, slot]. */
export type FieldTable = Readonly<Record<number, readonly [name: string, slot: Slot]>>

/** A field table compiled for reading: slots by field number, and names for error messages. */
export interface MessageSpec {
  name: string
  slots: Uint8Array
  fieldNames: readonly string[]
}

function compile(name: string, table: FieldTable): MessageSpec {
  const numbers = Object.keys(table).map(Number)
  const slots = new Uint8Array(Math.max(...numbers) + 1)
  const fieldNames: string[] = []
  for (const n of numbers) {
    const [field, slot] = table[n]!
    slots[n] = slot
    fieldNames[n] = `${name}.${field}`
  }
  return { name, slots, fieldNames }
}

/** Field tables of the messages we map (§3), declared fields only. */
const TABLES = {
  ChatMessage: {
    1: ['common', Slot.Common],
    2: ['user', Slot.User],
    3: ['content', Slot.Text],
    15: ['eventTime', Slot.Varint]
  },
  EmojiChatMessage: {
    1: ['common', Slot.Common],
    2: ['user', Slot.User],
    3: ['emojiId', Slot.Varint],
    5: ['defaultContent', Slot.Text]
  },
  GiftMessage: {
    1: ['common', Slot.Common],
    2: ['giftId', Slot.GiftId],
    4: ['groupCount', Slot.GroupCount],
    5: ['repeatCount', Slot.RepeatCount],
    6: ['comboCount', Slot.ComboCount],
    7: ['user', Slot.User],
    8: ['toUser', Slot.UnusedUser],
    9: ['repeatEnd', Slot.RepeatEnd],
    11: ['groupId', Slot.GroupId],
    15: ['gift', Slot.Gift],
    17: ['sendType', Slot.Varint],
    29: ['totalCount', Slot.Varint]
  },
  LikeMessage: {
    1: ['common', Slot.Common],
    2: ['count', Slot.Count],
    3: ['total', Slot.Total],
    5: ['user', Slot.User]
  },
  MemberMessage: {
    1: ['common', Slot.Common],
    2: ['user', Slot.User],
    3: ['memberCount', Slot.Varint],
    10: ['action', Slot.Varint]
  },
  SocialMessage: {
    1: ['common', Slot.Common],
    2: ['user', Slot.User],
    3: ['shareType', Slot.Varint],
    4: ['action', Slot.Action],
    5: ['shareTarget', Slot.Len],
    6: ['followCount', Slot.Varint]
  },
  RoomUserSeqMessage: {
    1: ['common', Slot.Common],
    3: ['total', Slot.Total],
    7: ['totalUser', Slot.Varint],
    10: ['onlineUserForAnchor', Slot.Len],
    11: ['totalPvForAnchor', Slot.Len]
  },
  RoomStatsMessage: {
    1: ['common', Slot.Common],
    2: ['displayShort', Slot.Len],
    3: ['displayMiddle', Slot.Len],
    4: ['displayLong', Slot.Len],
    5: ['displayValue', Slot.Total],
    9: ['total', Slot.Varint]
  },
  FansclubMessage: {
    1: ['common', Slot.Common],
    2: ['action', Slot.Varint],
    3: ['content', Slot.Text],
    4: ['user', Slot.User]
  },
  ControlMessage: {
    1: ['common', Slot.Common],
    2: ['action', Slot.Action],
    3: ['tips', Slot.Text]
  }
} as const satisfies Record<string, FieldTable>

/** The compiled specs, by message name. */
export const SPECS = Object.fromEntries(
  Object.entries(TABLES).map(([name, table]) => [name, compile(name, table)])
) as Record<keyof typeof TABLES, MessageSpec>
