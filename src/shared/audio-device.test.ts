import { describe, expect, it } from 'vitest'
import { isSafeDeviceName } from './audio-device'
import { parseSinkSpec } from './player-protocol'
import { parseSettings } from './settings'

describe('output device names are data, never commands', () => {
  it('accepts what aplay -L lists', () => {
    for (const name of [
      '',
      'default',
      'pulse',
      'pipewire',
      'studio',
      'hw:0',
      'hw:1,0',
      'plughw:CARD=PCH,DEV=0',
      'sysdefault:CARD=PCH',
      'front:CARD=Generic,DEV=0',
      'surround51:CARD=PCH,DEV=0',
      'hdmi:CARD=HDMI,DEV=2',
      'usbstream:CARD=Device'
    ]) {
      expect(isSafeDeviceName(name), name).toBe(true)
    }
  })

  it('refuses PCM definitions that open files or run programs', () => {
    for (const name of [
      "file:FILE='|id > /tmp/x',FORMAT=raw",
      'file:FILE=/home/me/.bashrc',
      'file:FILE=x',
      'file',
      'tee:default,/tmp/x',
      'plug:file:FILE=x',
      'shm',
      'hw:0 ; id',
      'hw:CARD=$(id)',
      'default|id',
      '{ type file }',
      'hw:' + '0,'.repeat(20) + '0',
      'x'.repeat(200)
    ]) {
      expect(isSafeDeviceName(name), name).toBe(false)
    }
  })

  it('the settings schema and the --audio flag refuse them with the field named', () => {
    const r = parseSettings({ audio: { device: "file:FILE='|id > /tmp/x',FORMAT=raw" } })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors).toEqual([expect.stringMatching(/^audio\.device: an output device/)])
    expect(() => parseSinkSpec("speaker:file:FILE='|id'")).toThrow(/bad output device/)
    expect(parseSinkSpec('speaker:hw:CARD=PCH,DEV=0')).toEqual({
      kind: 'speaker',
      device: 'hw:CARD=PCH,DEV=0'
    })
  })
})
