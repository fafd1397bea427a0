/** npm `espeak-ng` (Emscripten build, ESM, no typings): a factory that runs espeak-ng's main once. */
declare module 'espeak-ng' {
  const factory: (options: Record<string, unknown>) => Promise<unknown>
  export default factory
}
