import { readFile } from 'node:fs/promises'
import { describe, expect } from 'vitest'
import { test } from './support/fixtures'
import { brokerWithPublisher } from './support/mqttPeer'
import { createProfile, waitForConnectionState } from './support/ui'

describe('recording export and import in the UI', () => {
  const peers = brokerWithPublisher()

  test('exports a recording as JSON Lines (a download), imports it back and lists it; a bad file is refused with its line', async ({ app }) => {
    await app.open()
    await createProfile(app.page, { name: 'Recorder', host: '127.0.0.1', port: peers.broker.ports.plain ?? 0 }, { connect: true })
    await waitForConnectionState(app.page, 'Recorder', 'Connected')
    await app.page.getByRole('button', { name: 'Record…' }).click()
    const dialog = app.page.getByRole('dialog', { name: 'Record this connection' })
    await dialog.getByLabel('Name').fill('Press 4')
    await dialog.getByLabel('Topic filters').fill('press4/#')
    await dialog.getByRole('button', { name: 'Start recording' }).click()
    await dialog.waitFor({ state: 'detached' })
    for (let i = 0; i < 12; i++) await peers.publisher.publishAsync(`press4/${i % 3}`, i % 2 ? `${i}` : Buffer.from([0xff, i]), { qos: 1 })
    const status = app.page.getByRole('status', { name: 'Recording' })
    await expect.poll(() => status.innerText(), { timeout: 10_000 }).toMatch(/12 of 12 written/)
    await status.getByRole('button', { name: 'Stop recording' }).click()
    await app.page.getByText('Recorded 12 of 12.').waitFor()

    await app.page.getByRole('tab', { name: 'Profiles' }).click()
    const listed = app.page.getByRole('listitem', { name: 'Recording Press 4' })
    await expect.poll(() => listed.count()).toBe(1)
    const [download] = await Promise.all([app.page.waitForEvent('download'), listed.getByRole('button', { name: 'Export recording Press 4 as JSON Lines' }).click()])
    expect(download.suggestedFilename()).toMatch(/Press-4\.jsonl$/)
    const jsonl = await readFile(await download.path(), 'utf8')
    const lines = jsonl.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines[0]).toMatchObject({ format: 'brokerscope-recording', version: 1, name: 'Press 4', filters: ['press4/#'], received: 12, written: 12, notWritten: 0 })
    // The profile subscribes at QoS 0, so the broker delivers at 0.
    expect(lines.slice(1).map((m) => [m['topic'], m['payload'], m['qos']])).toEqual(
      Array.from({ length: 12 }, (_, i) => [`press4/${i % 3}`, Buffer.from(i % 2 ? `${i}` : Buffer.from([0xff, i])).toString('base64'), 0])
    )

    const input = app.page.getByLabel('Recording file to import (JSON Lines)')
    await input.setInputFiles({ name: 'press4.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(jsonl) })
    await app.page.getByRole('status').filter({ hasText: 'Imported "Press 4" (12 messages).' }).waitFor()
    await expect.poll(() => listed.count()).toBe(2)
    await expect.poll(() => listed.nth(1).innerText()).toMatch(/12 messages · /)

    const broken = jsonl.split('\n')
    broken[3] = '{"t": 1, "topic":'
    await input.setInputFiles({ name: 'broken.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(broken.join('\n')) })
    await app.page.getByRole('alert').filter({ hasText: 'Line 4 is not JSON. Nothing was imported' }).waitFor()
    await expect.poll(() => listed.count()).toBe(2)
  })
})
