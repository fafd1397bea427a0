import protobuf from 'protobufjs/light'

/** The bytes do not match the schema: wrong wire type, bad length, or too deep. */
export class WireTypeError extends Error {
  override name = 'WireTypeError'
}

const MAX_DEPTH = 32
const VARINT_TYPES = new Set(['int32', 'uint32', 'sint32', 'int64', 'uint64', 'sint64', 'bool'])
const FIXED64 = new Set(['fixed64', 'sfixed64', 'double'])
const FIXED32 = new Set(['fixed32', 'sfixed32', 'float'])

function expectedWireType(field: protobuf.Field): number {
  if (field.resolvedType instanceof protobuf.Type) return 2
  if (field.resolvedType instanceof protobuf.Enum || VARINT_TYPES.has(field.type)) return 0
  if (FIXED64.has(field.type)) return 1
  if (FIXED32.has(field.type)) return 5
  return 2 // string, bytes
}

/**
 * Walks `bytes` against `type` and throws WireTypeError when a declared field arrives with another
 * wire type. protobufjs does not check this: it would read the wrong shape and hand back garbage,
 * so untrusted frames are checked first (one cheap pass, no allocation).
 */
export function assertWireTypes(type: protobuf.Type, bytes: Uint8Array): void {
  const reader = protobuf.Reader.create(bytes)
  walk(reader, bytes.length, type, 0)
}

function walk(r: protobuf.Reader, end: number, type: protobuf.Type, depth: number): void {
  if (depth > MAX_DEPTH) throw new WireTypeError('message nesting too deep')
  while (r.pos < end) {
    const tag = r.uint32()
    const id = tag >>> 3
    const wire = tag & 7
    if (id === 0) throw new WireTypeError('field number 0')
    const field = type.fieldsById[id]
    if (field === undefined) {
      r.skipType(wire)
      continue
    }
    const expected = expectedWireType(field)
    const packed = wire === 2 && field.repeated && expected !== 2
    if (wire !== expected && !packed) {
      throw new WireTypeError(`${type.name}.${field.name}: wire type ${wire}, expected ${expected}`)
    }
    if (wire === 2) {
      const len = r.uint32()
      const stop = r.pos + len
      if (stop > end) throw new RangeError(`${type.name}.${field.name}: truncated`)
      if (field.resolvedType instanceof protobuf.Type) walk(r, stop, field.resolvedType, depth + 1)
      r.pos = stop
    } else {
      r.skipType(wire)
    }
  }
  if (r.pos !== end) throw new RangeError(`${type.name}: truncated`)
}
