import WebSocket from 'ws'
import type { Snapshot } from '../../src/shared/ipc/contract'
import type { RunningServer } from './server'
import { wsText } from '../../src/main/bridge/ws-text'

/**
 * Asks the server for a snapshot over its own WebSocket bridge, as a second client would: lets a
 * test check what the app did (not only what the page shows).
 */
export function fetchSnapshot(server: RunningServer): Promise<Snapshot> {
  const url = `ws://127.0.0.1:${new URL(server.origin).port}/bridge?token=${server.token}`
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url)
    const timer = setTimeout(() => {
      ws.terminate()
      reject(new Error('no snapshot within 10 s'))
    }, 10_000)
    ws.on('open', () =>
      ws.send(JSON.stringify({ type: 'invoke', id: 1, name: 'getSnapshot', args: {} }))
    )
    ws.on('message', (data) => {
      const message = JSON.parse(wsText(data)) as {
        type: string
        id?: number
        result?: { ok: boolean; value?: Snapshot }
      }
      if (message.type !== 'result' || message.id !== 1) return
      clearTimeout(timer)
      ws.close()
      if (message.result?.ok && message.result.value) resolve(message.result.value)
      else reject(new Error(`getSnapshot failed: ${JSON.stringify(message.result)}`))
    })
    ws.on('error', (err) => {
      clearTimeout(timer)
      reject(err)
    })
  })
}
