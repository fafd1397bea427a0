import { createContext, useContext, useEffect, useMemo, useState } from 'react'
import type { CommandError } from '../../../shared/ipc/contract'
import type { Settings } from '../../../shared/settings'
import { resetSettings, saveSettings } from '../store/actions'
import { useApp } from '../store/hooks'
import type { AppState } from '../store/state'
import {
  diffPatch,
  errorsByField,
  errorsFor,
  getAt,
  rebase,
  setAt,
  validateDraft,
  type FieldErrors,
  type FieldIssue,
  type Path
} from './draft'

/** What the settings page and its fields share. */
export interface SettingsForm {
  draft: Settings | null
  dirty: boolean
  /** Local validation plus the main process's answer to the last apply. */
  errors: FieldErrors
  errorCount: number
  busy: boolean
  /** True after a successful apply, until the next edit. */
  applied: boolean
  error?: CommandError
  set(path: Path, value: unknown): void
  apply(): Promise<void>
  discard(): void
  reset(): Promise<void>
}

/**
 * The settings form state: a draft over the app's settings, validated on every edit with the shared
 * schema, sent as a minimal patch, and rebased when the settings change elsewhere meanwhile.
 */
export function useSettingsForm(): SettingsForm {
  const settings = useApp((s) => s.settings)
  const busy = useApp((s) => s.busy.settings === true)
  const error = useApp((s) => s.errors.settings)
  const [form, setForm] = useState<{ base: Settings; draft: Settings } | null>(
    settings ? { base: settings, draft: settings } : null
  )
  const [serverErrors, setServerErrors] = useState<FieldErrors>({})
  const [applied, setApplied] = useState(false)

  useEffect(() => {
    if (!settings) return
    setForm((f) =>
      !f
        ? { base: settings, draft: settings }
        : f.base === settings
          ? f
          : { base: settings, draft: rebase(f.base, f.draft, settings) }
    )
  }, [settings])

  const engines = useApp((s) => s.engines)
  const local = useMemo(
    () =>
      form ? withPlatform(validateDraft(form.draft), form.draft, engines) : { ok: true as const },
    [form, engines]
  )
  const errors = useMemo(
    () => ({ ...serverErrors, ...(local.ok ? {} : local.errors) }),
    [local, serverErrors]
  )
  const dirty = !!form && diffPatch(form.base, form.draft) !== undefined

  return {
    draft: form?.draft ?? null,
    dirty,
    errors,
    errorCount: Object.keys(errors).length,
    busy,
    applied,
    error,
    set(path, value) {
      setApplied(false)
      setServerErrors({})
      setForm((f) => (f ? { ...f, draft: setAt(f.draft, path, value) } : f))
    },
    async apply() {
      if (!form || !local.ok) return
      const patch = diffPatch(form.base, form.draft)
      if (!patch) return
      const result = await saveSettings(patch)
      if (result.ok) {
        setForm({ base: result.value, draft: result.value })
        setApplied(true)
      } else {
        setServerErrors(errorsByField(result.error.issues ?? []))
      }
    },
    discard() {
      setServerErrors({})
      if (settings) setForm({ base: settings, draft: settings })
    },
    async reset() {
      setServerErrors({})
      const result = await resetSettings()
      if (result.ok) {
        setForm({ base: result.value, draft: result.value })
        setApplied(true)
      }
    }
  }
}

/**
 * The shared schema cannot know the OS: an engine this machine cannot run (the main process says
 * which) is a field error as soon as it is chosen, like the main process would answer on apply.
 */
function withPlatform(
  result: ReturnType<typeof validateDraft>,
  draft: Settings,
  engines: AppState['engines']
): ReturnType<typeof validateDraft> {
  const info = engines?.engines.find((e) => e.engine === draft.tts.engine)
  if (!info || info.available) return result
  const issue = {
    code: 'engine-unsupported',
    params: { engine: info.engine, reason: info.reason ?? '' }
  }
  const errors = result.ok ? {} : result.errors
  return {
    ok: false,
    errors: { ...errors, 'tts.engine': [...(errors['tts.engine'] ?? []), issue] }
  }
}

/** Hands the form to the field components below the settings page. */
export const SettingsFormContext = createContext<SettingsForm | null>(null)

/** One field's value, setter and errors, from the surrounding settings form. */
export function useField<T>(path: Path): {
  value: T
  set: (value: T) => void
  errors: FieldIssue[]
  id: string
} {
  const form = useContext(SettingsFormContext)
  if (!form) throw new Error('useField outside SettingsFormContext')
  return {
    value: getAt(form.draft, path) as T,
    set: (value: T) => form.set(path, value),
    errors: errorsFor(form.errors, path),
    id: `setting-${path.join('-')}`
  }
}
