import { useEffect, useState, type ReactNode } from 'react'
import { useT } from '../../i18n/i18n'
import { issueText } from '../../i18n/issues'
import { linesToList, type FieldIssue, type Path } from '../../settings-form/draft'
import { useField } from '../../settings-form/use-settings-form'

function FieldErrors({ errors, id }: { errors: FieldIssue[]; id: string }) {
  const t = useT()
  if (errors.length === 0) return null
  return (
    <span className="field-error" id={`${id}-error`} role="alert">
      {errors.map((e) => issueText(e, t)).join('；')}
    </span>
  )
}

interface FieldProps {
  path: Path
  label: ReactNode
  hint?: ReactNode
  className?: string
}

/**
 * A number setting. The text stays as typed (so "1" on the way to "12" is not fought over);
 * what the draft gets is the number, or NaN while the box is empty, which validation reports.
 */
export function NumberField({
  path,
  label,
  hint,
  className,
  min,
  max,
  step
}: FieldProps & { min?: number; max?: number; step?: number }) {
  const field = useField<number>(path)
  const [text, setText] = useState(String(field.value ?? ''))
  useEffect(() => {
    if (Number(text) !== field.value && !(text.trim() === '' && Number.isNaN(field.value)))
      setText(String(field.value ?? ''))
    // Only follow outside changes of the value, not every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [field.value])
  return (
    <label className={`field ${className ?? ''} ${field.errors.length ? 'invalid' : ''}`}>
      <span>{label}</span>
      <input
        id={field.id}
        data-testid={field.id}
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step ?? 1}
        value={text}
        aria-invalid={field.errors.length > 0}
        aria-describedby={field.errors.length ? `${field.id}-error` : undefined}
        onChange={(e) => {
          setText(e.target.value)
          field.set(e.target.value.trim() === '' ? Number.NaN : Number(e.target.value))
        }}
      />
      {hint ? <small className="hint">{hint}</small> : null}
      <FieldErrors errors={field.errors} id={field.id} />
    </label>
  )
}

/** A text setting (voice name, address); `secret` hides it until shown; `multiline` for templates. */
export function TextField({
  path,
  label,
  hint,
  className,
  placeholder,
  secret,
  multiline,
  list
}: FieldProps & { placeholder?: string; secret?: boolean; multiline?: boolean; list?: string }) {
  const t = useT()
  const field = useField<string>(path)
  const [shown, setShown] = useState(false)
  const common = {
    id: field.id,
    'data-testid': field.id,
    value: field.value ?? '',
    placeholder,
    spellCheck: false,
    'aria-invalid': field.errors.length > 0,
    'aria-describedby': field.errors.length ? `${field.id}-error` : undefined
  }
  return (
    <label className={`field ${className ?? ''} ${field.errors.length ? 'invalid' : ''}`}>
      <span>{label}</span>
      {multiline ? (
        <textarea {...common} rows={2} onChange={(e) => field.set(e.target.value)} />
      ) : secret ? (
        <span className="input-with-button">
          <input
            {...common}
            type={shown ? 'text' : 'password'}
            autoComplete="off"
            onChange={(e) => field.set(e.target.value)}
          />
          <button type="button" className="small" onClick={() => setShown(!shown)}>
            {shown ? t('cookie.hide') : t('cookie.show')}
          </button>
        </span>
      ) : (
        <input {...common} list={list} onChange={(e) => field.set(e.target.value)} />
      )}
      {hint ? <small className="hint">{hint}</small> : null}
      <FieldErrors errors={field.errors} id={field.id} />
    </label>
  )
}

/** An on/off setting. */
export function Toggle({ path, label, className }: FieldProps) {
  const field = useField<boolean>(path)
  return (
    <label className={`toggle ${className ?? ''}`}>
      <input
        id={field.id}
        data-testid={field.id}
        type="checkbox"
        checked={field.value === true}
        onChange={(e) => field.set(e.target.checked)}
      />
      <span>{label}</span>
    </label>
  )
}

/** A setting with fixed choices (numbers stay numbers). */
export function SelectField({
  path,
  label,
  hint,
  options,
  className
}: FieldProps & {
  options: readonly { value: string; label: string; disabled?: boolean }[]
}) {
  const field = useField<string | number>(path)
  return (
    <label className={`field ${className ?? ''} ${field.errors.length ? 'invalid' : ''}`}>
      <span>{label}</span>
      <select
        id={field.id}
        data-testid={field.id}
        value={String(field.value)}
        aria-invalid={field.errors.length > 0}
        aria-describedby={field.errors.length ? `${field.id}-error` : undefined}
        onChange={(e) =>
          field.set(typeof field.value === 'number' ? Number(e.target.value) : e.target.value)
        }
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
      {hint ? <small className="hint">{hint}</small> : null}
      <FieldErrors errors={field.errors} id={field.id} />
    </label>
  )
}

/** A fixed count of numbers side by side (the shedding thresholds). */
export function NumbersField({
  path,
  label,
  count,
  min,
  className
}: FieldProps & { label: string; count: number; min?: number }) {
  const field = useField<number[]>(path)
  const values = field.value ?? []
  return (
    <fieldset
      className={`field numbers ${className ?? ''} ${field.errors.length ? 'invalid' : ''}`}
    >
      <legend>{label}</legend>
      <div className="numbers-row">
        {Array.from({ length: count }, (_, i) => (
          <input
            key={i}
            type="number"
            min={min}
            aria-label={`${label} ${i + 1}`}
            data-testid={`${field.id}-${i}`}
            value={Number.isNaN(values[i]) ? '' : (values[i] ?? '')}
            onChange={(e) => {
              const next = [...values]
              next[i] = e.target.value.trim() === '' ? Number.NaN : Number(e.target.value)
              field.set(next)
            }}
          />
        ))}
      </div>
      <FieldErrors errors={field.errors} id={field.id} />
    </fieldset>
  )
}

/** `name=value` lines ↔ a record; numbers and true/false keep their type. */
export function KeyValuesField({ path, label, className }: FieldProps) {
  const field = useField<Record<string, string | number | boolean>>(path)
  const toText = (r: Record<string, unknown> | undefined) =>
    Object.entries(r ?? {})
      .map(([k, v]) => `${k}=${String(v)}`)
      .join('\n')
  const [text, setText] = useState(toText(field.value))
  useEffect(() => {
    if (toText(parseKeyValues(text)) !== toText(field.value)) setText(toText(field.value))
    // Only follow outside changes of the value, not every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [field.value])
  return (
    <label className={`field ${className ?? ''} ${field.errors.length ? 'invalid' : ''}`}>
      <span>{label}</span>
      <textarea
        id={field.id}
        data-testid={field.id}
        rows={3}
        value={text}
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value)
          field.set(parseKeyValues(e.target.value))
        }}
      />
      <FieldErrors errors={field.errors} id={field.id} />
    </label>
  )
}

function parseKeyValues(text: string): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {}
  for (const line of text.split(/\r?\n/)) {
    const eq = line.indexOf('=')
    if (eq <= 0) continue
    const key = line.slice(0, eq).trim()
    const raw = line.slice(eq + 1).trim()
    out[key] =
      raw === 'true'
        ? true
        : raw === 'false'
          ? false
          : /^-?\d+(\.\d+)?$/.test(raw)
            ? Number(raw)
            : raw
  }
  return out
}

/** A list of strings edited as one item per line. */
export function ListField({ path, label, className }: FieldProps) {
  const field = useField<string[]>(path)
  const [text, setText] = useState((field.value ?? []).join('\n'))
  useEffect(() => {
    if (JSON.stringify(linesToList(text)) !== JSON.stringify(field.value ?? []))
      setText((field.value ?? []).join('\n'))
    // Only follow outside changes of the value, not every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [field.value])
  return (
    <label className={`field ${className ?? ''} ${field.errors.length ? 'invalid' : ''}`}>
      <span>{label}</span>
      <textarea
        id={field.id}
        data-testid={field.id}
        rows={5}
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          field.set(linesToList(e.target.value))
        }}
      />
      <FieldErrors errors={field.errors} id={field.id} />
    </label>
  )
}
