// At 1400×900 the selected message's value has the room: a pretty-printed JSON payload shows at least 20 lines
// with the composer folded, and MQTT 5 properties do not take that room away.
import { describe, expect } from 'vitest'
import { test } from './support/fixtures'
import { brokerWithPublisher } from './support/mqttPeer'
import { createProfile, selectTopic, waitForConnectionState } from './support/ui'

describe('layout', () => {
  const peers = brokerWithPublisher()

  test('shows at least 20 lines of a JSON value at 1400×900, properties included', async ({ app }) => {
    await app.page.setViewportSize({ width: 1400, height: 900 })
    await app.open()
    await createProfile(app.page, { name: 'Layout', host: '127.0.0.1', port: peers.broker.ports.plain ?? 0, protocolVersion: 5 }, { connect: true })
    await waitForConnectionState(app.page, 'Layout', 'Connected')
    const document = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`field${i}`, i]))
    await peers.publisher.publishAsync('layout/device', JSON.stringify(document), { qos: 1, retain: true, properties: { contentType: 'application/json', userProperties: { site: 'north' } } })
    await selectTopic(app.page, 'layout/device')
    const editor = app.page.locator('.monaco-editor').filter({ has: app.page.locator('[aria-label="Value of message 1"]') })
    await editor.locator('.view-line').first().waitFor()
    // Lines wholly inside the editor's visible box.
    await expect
      .poll(async () => {
        const box = await editor.boundingBox()
        if (!box) return 0
        const lines = await editor.locator('.view-line').evaluateAll((nodes) => nodes.map((node) => (node as unknown as { getBoundingClientRect(): { top: number; bottom: number } }).getBoundingClientRect()))
        return lines.filter((line) => line.top >= box.y - 1 && line.bottom <= box.y + box.height + 1).length
      })
      .toBeGreaterThanOrEqual(20)
  })
})
