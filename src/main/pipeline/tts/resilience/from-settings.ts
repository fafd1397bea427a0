import type { ExtraTtsEngineName, TtsEnginesSettings } from '../../../../shared/tts-engine-settings'
import type { TtsEngine } from '../engine'
import { createExtraEngine, engineLimits } from '../engines/create-extra-engine'
import { ResilientEngine } from './resilient-engine'
import type { ResilientEngineOptions } from './types'

/** Extra wiring the settings cannot carry. */
export interface ResilientFromSettingsOptions {
  /**
   * The offline engine to speak with when the primary fails (the espeak-ng engine the factory
   * already builds). Ignored when `tts.engines.resilience.fallback` is `none`.
   */
  fallback?: TtsEngine
  onEvent?: ResilientEngineOptions['onEvent']
  clock?: ResilientEngineOptions['clock']
}

/**
 * `kind` from `tts.engines`, wrapped in a ResilientEngine configured by `tts.engines.resilience`
 * and the engine's own `timeoutMs`/`maxConcurrent`. With `fallback: 'none'` a given fallback is
 * disposed here, since nothing else will own it.
 */
export function createResilientEngine(
  kind: ExtraTtsEngineName,
  settings: TtsEnginesSettings,
  options: ResilientFromSettingsOptions = {}
): ResilientEngine {
  const r = settings.resilience
  const limits = engineLimits(kind, settings)
  const useFallback = r.fallback === 'offline' ? options.fallback : undefined
  if (!useFallback) void options.fallback?.dispose()
  return new ResilientEngine({
    primary: createExtraEngine(kind, settings),
    fallback: useFallback,
    attemptTimeoutMs: limits.timeoutMs,
    maxConcurrent: limits.maxConcurrent,
    retries: r.retries,
    backoffBaseMs: r.backoffBaseMs,
    backoffMaxMs: r.backoffMaxMs,
    failureThreshold: r.failureThreshold,
    cooldownMs: r.cooldownMs,
    maxCooldownMs: r.maxCooldownMs,
    onEvent: options.onEvent,
    clock: options.clock
  })
}
