import type { INamespace } from 'protobufjs/light'

/**
 * Hand-written protobuf descriptors for the Douyin webcast protocol, from the field tables in
 * douyin-protocol.md §2–§3. Only the fields we read are declared: undeclared fields are skipped,
 * and fields whose wire type the sources disagree on (chat_by, chat_tags…) are left out on purpose.
 * 64-bit ids are `uint64` and leave the decoder as strings (see codec.ts).
 */

const f = (id: number, type: string, rule?: 'repeated') =>
  rule ? { id, type, rule } : { id, type }

/** The descriptor tree, in protobufjs JSON (INamespace) form. */
export const DOUYIN_SCHEMA: INamespace = {
  nested: {
    webcast: {
      nested: {
        PushHeader: { fields: { key: f(1, 'string'), value: f(2, 'string') } },
        PushFrame: {
          fields: {
            seqId: f(1, 'uint64'),
            logId: f(2, 'uint64'),
            service: f(3, 'uint64'),
            method: f(4, 'uint64'),
            headers: f(5, 'PushHeader', 'repeated'),
            payloadEncoding: f(6, 'string'),
            payloadType: f(7, 'string'),
            payload: f(8, 'bytes')
          }
        },
        Response: {
          fields: {
            messages: f(1, 'Message', 'repeated'),
            cursor: f(2, 'string'),
            fetchInterval: f(3, 'uint64'),
            now: f(4, 'uint64'),
            internalExt: f(5, 'string'),
            heartbeatDuration: f(8, 'uint64'),
            needAck: f(9, 'bool'),
            pushServer: f(10, 'string'),
            proxyServer: f(13, 'string'),
            pushServerV2: f(14, 'string')
          }
        },
        Message: {
          fields: {
            method: f(1, 'string'),
            payload: f(2, 'bytes'),
            msgId: f(3, 'uint64'),
            msgType: f(4, 'int32')
          }
        },
        Common: {
          fields: {
            method: f(1, 'string'),
            msgId: f(2, 'uint64'),
            roomId: f(3, 'uint64'),
            createTime: f(4, 'uint64'),
            describe: f(7, 'string')
          }
        },
        User: {
          fields: {
            id: f(1, 'uint64'),
            shortId: f(2, 'uint64'),
            nickname: f(3, 'string'),
            displayId: f(38, 'string'),
            secUid: f(46, 'string'),
            idStr: f(1028, 'string')
          }
        },
        GiftStruct: {
          fields: {
            describe: f(2, 'string'),
            id: f(5, 'uint64'),
            combo: f(10, 'bool'),
            type: f(11, 'int32'),
            diamondCount: f(12, 'int32'),
            name: f(16, 'string')
          }
        },
        ChatMessage: {
          fields: {
            common: f(1, 'Common'),
            user: f(2, 'User'),
            content: f(3, 'string'),
            eventTime: f(15, 'uint64')
          }
        },
        EmojiChatMessage: {
          fields: {
            common: f(1, 'Common'),
            user: f(2, 'User'),
            emojiId: f(3, 'uint64'),
            defaultContent: f(5, 'string')
          }
        },
        GiftMessage: {
          fields: {
            common: f(1, 'Common'),
            giftId: f(2, 'uint64'),
            groupCount: f(4, 'uint64'),
            repeatCount: f(5, 'uint64'),
            comboCount: f(6, 'uint64'),
            user: f(7, 'User'),
            toUser: f(8, 'User'),
            repeatEnd: f(9, 'int32'),
            groupId: f(11, 'uint64'),
            gift: f(15, 'GiftStruct'),
            sendType: f(17, 'uint64'),
            totalCount: f(29, 'uint64')
          }
        },
        LikeMessage: {
          fields: {
            common: f(1, 'Common'),
            count: f(2, 'uint64'),
            total: f(3, 'uint64'),
            user: f(5, 'User')
          }
        },
        MemberMessage: {
          fields: {
            common: f(1, 'Common'),
            user: f(2, 'User'),
            memberCount: f(3, 'uint64'),
            action: f(10, 'uint64')
          }
        },
        SocialMessage: {
          fields: {
            common: f(1, 'Common'),
            user: f(2, 'User'),
            shareType: f(3, 'uint64'),
            action: f(4, 'uint64'),
            shareTarget: f(5, 'string'),
            followCount: f(6, 'uint64')
          }
        },
        RoomUserSeqMessage: {
          fields: {
            common: f(1, 'Common'),
            total: f(3, 'uint64'),
            totalUser: f(7, 'uint64'),
            onlineUserForAnchor: f(10, 'string'),
            totalPvForAnchor: f(11, 'string')
          }
        },
        RoomStatsMessage: {
          fields: {
            common: f(1, 'Common'),
            displayShort: f(2, 'string'),
            displayMiddle: f(3, 'string'),
            displayLong: f(4, 'string'),
            displayValue: f(5, 'uint64'),
            total: f(9, 'uint64')
          }
        },
        FansclubMessage: {
          fields: {
            common: f(1, 'Common'),
            action: f(2, 'int32'),
            content: f(3, 'string'),
            user: f(4, 'User')
          }
        },
        ControlMessage: {
          fields: { common: f(1, 'Common'), action: f(2, 'uint64'), tips: f(3, 'string') }
        }
      }
    }
  }
}
