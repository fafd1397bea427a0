"""The decode path of a Python Douyin tool, as a baseline for `npm run bench -- decode`.

The steps are those of the Python clients in peers.md: parse the PushFrame, gzip.decompress its
payload, parse the Response, build the ACK frame, parse each message we read aloud into its class
and turn it into an event dict with exact string ids. Parsing uses Google's protobuf runtime
(Debian's python3-protobuf, a C++ implementation). The message classes are built at run time from
the same schema the TypeScript protobufjs baseline uses, handed over as JSON.

Usage: decode_frames.py SCHEMA.json FRAMES.bin MS
FRAMES.bin holds the frames, each prefixed by its length (4 bytes, little-endian). Prints one JSON
line: frames per CPU second over about MS milliseconds (after a warm-up), and the implementation.
"""

import gzip
import json
import struct
import sys
import time

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf.internal import api_implementation

F = descriptor_pb2.FieldDescriptorProto
SCALARS = {
    "uint64": F.TYPE_UINT64,
    "int32": F.TYPE_INT32,
    "string": F.TYPE_STRING,
    "bytes": F.TYPE_BYTES,
    "bool": F.TYPE_BOOL,
}
READ_ALOUD = {
    "WebcastChatMessage": "ChatMessage",
    "WebcastEmojiChatMessage": "EmojiChatMessage",
    "WebcastGiftMessage": "GiftMessage",
    "WebcastLikeMessage": "LikeMessage",
    "WebcastMemberMessage": "MemberMessage",
    "WebcastSocialMessage": "SocialMessage",
    "WebcastRoomUserSeqMessage": "RoomUserSeqMessage",
    "WebcastRoomStatsMessage": "RoomStatsMessage",
    "WebcastFansclubMessage": "FansclubMessage",
    "WebcastControlMessage": "ControlMessage",
}


def message_classes(schema):
    """protobufjs JSON (INamespace) → generated message classes, by message name."""
    messages = schema["nested"]["webcast"]["nested"]
    proto = descriptor_pb2.FileDescriptorProto(
        name="webcast_bench.proto", package="webcast", syntax="proto3"
    )
    for name, spec in messages.items():
        message = proto.message_type.add(name=name)
        for field_name, field in spec["fields"].items():
            f = message.field.add(name=field_name, number=field["id"])
            repeated = field.get("rule") == "repeated"
            f.label = F.LABEL_REPEATED if repeated else F.LABEL_OPTIONAL
            if field["type"] in SCALARS:
                f.type = SCALARS[field["type"]]
            else:
                f.type = F.TYPE_MESSAGE
                f.type_name = ".webcast." + field["type"]
    pool = descriptor_pool.DescriptorPool()
    pool.Add(proto)
    get_class = getattr(message_factory, "GetMessageClass", None)
    factory = None if get_class else message_factory.MessageFactory(pool)
    classes = {}
    for name in messages:
        descriptor = pool.FindMessageTypeByName("webcast." + name)
        classes[name] = get_class(descriptor) if get_class else factory.GetPrototype(descriptor)
    return classes


def decoder(classes):
    PushFrame = classes["PushFrame"]
    Response = classes["Response"]
    by_method = {method: classes[name] for method, name in READ_ALOUD.items()}

    def decode(frame, events):
        push = PushFrame()
        push.ParseFromString(frame)
        headers = {h.key: h.value for h in push.headers}
        payload = push.payload
        if headers.get("compress_type") == "gzip":
            payload = gzip.decompress(payload)
        response = Response()
        response.ParseFromString(payload)
        ack = None
        if response.needAck:
            ack = PushFrame(
                logId=push.logId,
                payloadType="ack",
                payload=response.internalExt.encode("utf-8"),
            ).SerializeToString()
        for m in response.messages:
            cls = by_method.get(m.method)
            if cls is None:
                continue
            msg = cls()
            msg.ParseFromString(m.payload)
            event = {"type": m.method, "id": str(m.msgId), "ts": msg.common.createTime}
            user = getattr(msg, "user", None)
            if user is not None:
                event["user"] = {"id": str(user.id), "nickname": user.nickname}
            content = getattr(msg, "content", None)
            if content:
                event["content"] = content
            if m.method == "WebcastGiftMessage":
                event["gift"] = {"id": str(msg.giftId), "name": msg.gift.name}
                event["count"] = msg.repeatCount or msg.comboCount
            events.append(event)
        return ack

    return decode


def read_frames(path):
    with open(path, "rb") as f:
        data = f.read()
    frames, at = [], 0
    while at < len(data):
        (n,) = struct.unpack_from("<I", data, at)
        frames.append(data[at + 4 : at + 4 + n])
        at += 4 + n
    return frames


def rate(decode, frames, ms):
    """Frames per CPU second over about `ms` milliseconds of wall time."""
    n, events = 0, []
    end = time.monotonic() + ms / 1000
    cpu = time.process_time()
    while time.monotonic() < end:
        start = n % len(frames)
        batch = frames[start : start + 64]
        for frame in batch:
            decode(frame, events)
        n += len(batch)
        events.clear()
    return n / (time.process_time() - cpu)


def main():
    schema_path, frames_path, ms = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(schema_path, encoding="utf-8") as f:
        decode = decoder(message_classes(json.load(f)))
    frames = read_frames(frames_path)
    events = []
    for frame in frames:
        decode(frame, events)
    if not events:
        sys.exit("no events decoded")
    rate(decode, frames, 300)
    result = {
        "framesPerCpuSecond": round(rate(decode, frames, ms)),
        "implementation": api_implementation.Type(),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
