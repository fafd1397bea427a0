import { useEffect, useState, type ReactNode } from 'react'
import { useT } from '../../i18n/i18n'
import { issueText } from '../../i18n/issues'
import { linesToList, type Path } from '../../settings-form/draft'
import { useField } from '../../settings-form/use-settings-form'

function FieldErrors({ errors, id }: { errors: string[]; id: string }) {
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

/** A text setting (templates, voice name). */
export function TextField({
  path,
  label,
  hint,
  className,
  placeholder
}: FieldProps & { placeholder?: string }) {
  const field = useField<string>(path)
  return (
    <label className={`field ${className ?? ''} ${field.errors.length ? 'invalid' : ''}`}>
      <span>{label}</span>
      <input
        id={field.id}
        data-testid={field.id}
        value={field.value ?? ''}
        placeholder={placeholder}
        spellCheck={false}
        aria-invalid={field.errors.length > 0}
        onChange={(e) => field.set(e.target.value)}
      />
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

/** A setting with fixed choices. */
export function SelectField({
  path,
  label,
  options,
  className
}: FieldProps & { options: readonly { value: string; label: string }[] }) {
  const field = useField<string>(path)
  return (
    <label className={`field ${className ?? ''}`}>
      <span>{label}</span>
      <select
        id={field.id}
        data-testid={field.id}
        value={field.value}
        onChange={(e) => field.set(e.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrors errors={field.errors} id={field.id} />
    </label>
  )
}

/** A list of strings edited as one item per line. */
export function ListField({ path, label, className }: FieldProps) {
  const field = useField<string[]>(path)
  const [text, setText] = useState((field.value ?? []).join('\n'))
  useEffect(() => {
    if (JSON.stringify(linesToList(text)) !== JSON.stringify(field.value ?? []))
      setText((field.value ?? []).join('\n'))
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
