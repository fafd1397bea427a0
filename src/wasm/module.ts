// The WebAssembly module the Douyin decoder uses, compiled by `npm run build:wasm`
// (scripts/build-wasm.mjs): a push frame's gzip payload is inflated (inflate.ts), and the Response
// it holds scanned where it lies (webcast-scan.ts), in one memory.

export { inflate, inputAt, inputCapacity, outputAt, outputCapacity } from './inflate'
export { scanConfigAt, setKinds } from './scan-config'
export { scan, tapeAt, tapeCapacity } from './webcast-scan'
