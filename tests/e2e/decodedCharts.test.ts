import { encode as msgpackEncode } from '@msgpack/msgpack'
import { encode as cborEncode } from 'cborg'
import type { Page } from 'playwright-core'
import { describe, expect } from 'vitest'
import { encodePayload } from '../../src/shared/decoders/sparkplug/test/edgeNode'
import { test } from './support/fixtures'
import { brokerWithPublisher } from './support/mqttPeer'
import { createProfile, selectTopic, waitForConnectionState } from './support/ui'

const T = 1_767_000_000_000
const DDATA = 'spBv1.0/Plant1/DDATA/Line4/Press7'

/** A legend row's cells as text: series, last, min, max, mean, points, gaps. */
async function legendRow(page: Page, chart: string, series: string): Promise<string[]> {
  const row = page.getByRole('table', { name: `Legend of ${chart}` }).getByRole('row').filter({ hasText: series })
  const cells = await row.locator('th, td').allInnerTexts()
  return cells.slice(0, 7).map((cell) => cell.trim())
}

/** The values the chart's data table lists for a series, oldest first. */
async function dataValues(page: Page, chart: string, series: string): Promise<string[]> {
  const rows = await page.getByRole('table', { name: `Data of ${chart}` }).getByRole('row').filter({ hasText: series }).allInnerTexts()
  return rows.map((row) => row.trim().split(/\s+/).at(-1) ?? '')
}

describe('charts of decoded payloads', () => {
  const peers = brokerWithPublisher()

  test('plots a Sparkplug metric by name from alias-only data, a CBOR field picked in the viewer and a MessagePack field typed in the form', async ({ app }) => {
    await app.open()
    await createProfile(app.page, { name: 'Decoded', host: '127.0.0.1', port: peers.broker.ports.plain ?? 0 }, { connect: true })
    await waitForConnectionState(app.page, 'Decoded', 'Connected')
    const send = (topic: string, payload: Parameters<typeof encodePayload>[0]): Promise<unknown> =>
      peers.publisher.publishAsync(`spBv1.0/Plant1/${topic}`, Buffer.from(encodePayload({ timestamp: T, ...payload })), { qos: 1 })
    await send('NBIRTH/Line4', { seq: 0, metrics: [{ name: 'bdSeq', datatype: 'UInt64', longValue: 3 }] })
    await send('DBIRTH/Line4/Press7', {
      seq: 1,
      metrics: [
        { name: 'Temperature', alias: 1, datatype: 'Double', doubleValue: 0 },
        { name: 'Valve/Open', alias: 2, datatype: 'Boolean', booleanValue: false }
      ]
    })
    // Data by alias only: the names come from the device's birth.
    for (let i = 0; i < 5; i++) await send('DDATA/Line4/Press7', { seq: 2 + i, metrics: [{ alias: 1, doubleValue: 20 + i }, { alias: 2, booleanValue: i % 2 === 1 }] })
    for (const t of [1.5, 2.5, 'n/a', 4]) await peers.publisher.publishAsync('line2/cbor', Buffer.from(cborEncode({ t })), { qos: 1 })
    for (const n of [10, 20, 30]) await peers.publisher.publishAsync('line2/msgpack', Buffer.from(msgpackEncode({ sensor: { level: n } })), { qos: 1 })

    // The viewer decodes the DDATA as Sparkplug on its own; its fields are the metrics by name.
    await selectTopic(app.page, DDATA)
    const plotField = app.page.getByLabel('Plot a field')
    await expect.poll(() => plotField.locator('option').allInnerTexts()).toEqual(['Plot a field…', 'timestamp', 'seq', 'metrics.Temperature', 'metrics.Valve/Open'])
    await plotField.selectOption('metrics.Temperature')
    const chart = app.page.getByRole('region', { name: 'Chart 1' })
    await chart.waitFor()
    await expect.poll(() => legendRow(app.page, 'Chart 1', `${DDATA} › metrics.Temperature`)).toEqual([`${DDATA} › metrics.Temperature`, '24', '20', '24', '22', '5', '0'])

    // CBOR is never guessed: picked in the viewer, its fields are offered and the series reads CBOR.
    await selectTopic(app.page, 'line2/cbor')
    await app.page.getByRole('tab', { name: 'Topic', exact: true }).click()
    await app.page.getByLabel('Value format').selectOption('cbor')
    await expect.poll(() => plotField.locator('option').allInnerTexts()).toEqual(['Plot a field…', 't'])
    await plotField.selectOption('t')
    await app.page.getByRole('tab', { name: 'Charts', exact: true }).click()
    await expect.poll(() => legendRow(app.page, 'Chart 1', 'line2/cbor › t (CBOR)')).toEqual(['line2/cbor › t (CBOR)', '4', '1.5', '4', '2.66667', '4', '1'])

    // A MessagePack field typed in the chart's form, with the decoding picked there.
    await chart.getByLabel('Series topic').fill('line2/msgpack')
    await chart.getByLabel('Series field').fill('sensor.level')
    await chart.getByLabel('Series decoding').selectOption('msgpack')
    await chart.getByRole('button', { name: 'Add series' }).click()
    await expect.poll(() => legendRow(app.page, 'Chart 1', 'line2/msgpack › sensor.level (MessagePack)')).toEqual(['line2/msgpack › sensor.level (MessagePack)', '30', '10', '30', '20', '3', '0'])

    // Live: a new alias-only message extends the Sparkplug series, read back from the chart's data table.
    await send('DDATA/Line4/Press7', { seq: 7, metrics: [{ alias: 1, doubleValue: 25.5 }] })
    await chart.getByRole('button', { name: 'Data', exact: true }).click()
    await expect.poll(() => dataValues(app.page, 'Chart 1', 'metrics.Temperature')).toEqual(['20', '21', '22', '23', '24', '25.5'])
    await expect.poll(() => dataValues(app.page, 'Chart 1', 'line2/cbor')).toEqual(['1.5', '2.5', '—', '4'])
  })
})
