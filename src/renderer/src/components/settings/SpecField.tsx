import { useEffect, useState } from 'react'
import { isMessageKey, useT } from '../../i18n/i18n'
import type { FieldSpec } from '../../settings-form/field-specs'
import { useField } from '../../settings-form/use-settings-form'
import { listDevices } from '../../store/actions'
import {
  KeyValuesField,
  ListField,
  NumberField,
  NumbersField,
  SelectField,
  TextField,
  Toggle
} from './fields'

/** One field of the registry, drawn by its kind. */
export function SpecField({ spec }: { spec: FieldSpec }) {
  const t = useT()
  const label = t(spec.label)
  const hint = spec.hint ? t(spec.hint) : undefined
  const className = spec.wide ? 'wide' : undefined
  const common = { path: spec.path, label, hint, className }
  switch (spec.kind) {
    case 'number':
      return <NumberField {...common} min={spec.min} max={spec.max} step={spec.step} />
    case 'text':
      return <TextField {...common} placeholder={spec.placeholder} />
    case 'secret':
      return <TextField {...common} secret />
    case 'template':
      return <TextField {...common} multiline />
    case 'toggle':
      return <Toggle {...common} />
    case 'select':
      return (
        <SelectField
          {...common}
          options={spec.options.map((o) => ({
            value: o.value,
            label: isMessageKey(o.label) ? t(o.label) : o.label
          }))}
        />
      )
    case 'list':
      return <ListField {...common} />
    case 'numbers':
      return <NumbersField {...common} count={spec.count} min={spec.min} />
    case 'keyValues':
      return <KeyValuesField {...common} />
    case 'device':
      return <DeviceField {...common} />
  }
}

/** The output device: names the main process lists (never typed: a device name is a definition). */
function DeviceField(props: { path: FieldSpec['path']; label: string; className?: string }) {
  const t = useT()
  const current = useField<string>(props.path).value
  const [devices, setDevices] = useState<{ id: string; label: string }[]>([])
  const refresh = () =>
    void listDevices().then((r) => {
      if (r.ok) setDevices(r.value.devices)
    })
  useEffect(refresh, [])
  const options = [
    { value: '', label: t('device.default') },
    ...devices.filter((d) => d.id !== '').map((d) => ({ value: d.id, label: d.label })),
    // A device set earlier that is not connected now stays visible (the player falls back).
    ...(current && !devices.some((d) => d.id === current)
      ? [{ value: current, label: current }]
      : [])
  ]
  return (
    <div className="field-with-action">
      <SelectField {...props} options={options} />
      <button type="button" className="small" onClick={refresh}>
        {t('device.refresh')}
      </button>
    </div>
  )
}
