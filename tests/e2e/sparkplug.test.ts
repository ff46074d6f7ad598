import { readFile } from 'node:fs/promises'
import mqtt, { type MqttClient } from 'mqtt'
import { afterAll, beforeAll, describe, expect } from 'vitest'
import { encodePayload } from '../../src/shared/decoders/sparkplug/test/edgeNode'
import { startTestBroker, type TestBroker } from '../support/broker'
import { test } from './support/fixtures'
import { createProfile, selectTopic, treeRow, waitForConnectionState } from './support/ui'

const T = 1_767_000_000_000
const bdSeq = { name: 'bdSeq', datatype: 'UInt64', longValue: 3 }

describe('Sparkplug B in the real page', () => {
  let broker: TestBroker
  let edgeNode: MqttClient
  beforeAll(async () => {
    broker = await startTestBroker({ listeners: ['plain'] })
    edgeNode = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.ports.plain}`, { reconnectPeriod: 0 })
  })
  afterAll(async () => {
    await edgeNode?.endAsync()
    await broker?.stop()
  })

  test('names and types alias-only device data from the births in the tree and the metrics table, and flags data after the node died', async ({ app }) => {
    await app.open()
    await createProfile(app.page, { name: 'Plant', host: '127.0.0.1', port: broker.ports.plain ?? 0 }, { connect: true })
    await waitForConnectionState(app.page, 'Plant', 'Connected')
    const send = (topic: string, payload: Parameters<typeof encodePayload>[0]): Promise<unknown> =>
      edgeNode.publishAsync(`spBv1.0/Plant1/${topic}`, Buffer.from(encodePayload({ timestamp: T, ...payload })))
    await send('NBIRTH/Line4', { seq: 0, metrics: [bdSeq] })
    await send('DBIRTH/Line4/Press7', {
      seq: 1,
      metrics: [
        { name: 'Drive/Offset', alias: 1, datatype: 'Int32', intValue: 0 },
        { name: 'Valve/Open', alias: 2, datatype: 'Boolean', booleanValue: false }
      ]
    })
    // Int32 −12 travels as the uint32 4294967284; only the birth says it is signed.
    await send('DDATA/Line4/Press7', { seq: 2, metrics: [{ alias: 1, intValue: -12 >>> 0 }, { alias: 2, booleanValue: true }] })

    await selectTopic(app.page, 'spBv1.0/Plant1/DDATA/Line4/Press7')
    await treeRow(app.page, 'spBv1.0/Plant1/DDATA/Line4/Press7').getByText('= DDATA seq 2 · 2 metrics: Drive/Offset=-12, Valve/Open=true').waitFor()
    const table = app.page.getByRole('table', { name: 'Sparkplug metrics' })
    const offset = table.getByRole('row').filter({ hasText: 'Drive/Offset' })
    await expect.poll(() => offset.innerText()).toMatch(/Drive\/Offset\s+1\s+Int32\s+-12\b/)
    await expect.poll(() => table.getByRole('row').filter({ hasText: 'Valve/Open' }).innerText()).toMatch(/Boolean\s+true/)
    // The CSV export decodes with the same history: named, typed metrics (CSV doubles the JSON's quotes).
    const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.getByRole('button', { name: 'Export history' }).click()])
    const csv = await readFile(await download.path(), 'utf8')
    expect(csv).toContain(',sparkplug,')
    expect(csv).toMatch(/""datatype"": ""Int32"", ""value"": -12, [^}]*""name"": ""Drive\/Offset""/)

    await send('NDEATH/Line4', { metrics: [bdSeq] })
    await send('DDATA/Line4/Press7', { seq: 3, metrics: [{ alias: 1, intValue: 7 }] })
    // The viewer follows the newest message while none is picked.
    await expect.poll(() => app.page.getByRole('listbox', { name: 'Message history' }).getByRole('option').count()).toBe(2)
    await app.page.getByText(/No birth certificate from this node or device was in force/).waitFor()
    await app.page.getByText('The edge node is offline now (its death certificate arrived after its last birth).').waitFor()
  })
})
