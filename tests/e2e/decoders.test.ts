import { encode as cborEncode } from 'cborg'
import protobuf from 'protobufjs'
import { describe, expect } from 'vitest'
import { test } from './support/fixtures'
import { brokerWithPublisher } from './support/mqttPeer'
import { codeViewText, connectionTab, fillProfile, profileForm, selectTopic, treeRow, waitForConnectionState } from './support/ui'

// A .proto written for this test; the payload is made by protobufjs's own encoder from its parse of the same text.
const PROTO = [
  'syntax = "proto3";',
  'package factory.v1;',
  'enum Unit { UNIT_UNSPECIFIED = 0; CELSIUS = 1; BAR = 2; }',
  'message Reading {',
  '  string device_id = 1;',
  '  sint32 offset = 2;',
  '  double value = 3;',
  '  Unit unit = 4;',
  '}'
].join('\n')

describe('profile decoders in the real page', () => {
  const peers = brokerWithPublisher()

  test('a .proto file and a rule added in the profile decode Protobuf payloads, and a pin decodes CBOR without a choice', async ({ app }) => {
    await app.open()
    await app.page.getByRole('tab', { name: 'Profiles' }).click()
    await app.page.getByRole('button', { name: 'New profile' }).click()
    const form = profileForm(app.page)
    await fillProfile(form, { name: 'Factory', host: '127.0.0.1', port: peers.broker.ports.plain ?? 0 })
    await form.getByLabel('Protobuf files to add').setInputFiles({ name: 'reading.proto', mimeType: 'text/plain', buffer: Buffer.from(PROTO) })
    await form.getByRole('list', { name: 'Protobuf files' }).getByText('reading.proto').waitFor()
    await form.getByRole('button', { name: 'Add Protobuf rule' }).click()
    const rule = form.getByRole('group', { name: 'Protobuf rule 1' })
    await rule.getByLabel('Topic filter').fill('factory/+/reading')
    await rule.getByLabel('Message type').selectOption('factory.v1.Reading')
    await form.getByRole('button', { name: 'Pin a decoder' }).click()
    const pin = form.getByRole('group', { name: 'Decoder pin 1' })
    await pin.getByLabel('Topic filter').fill('cbor/#')
    await pin.getByLabel('Decoder', { exact: true }).selectOption({ label: 'CBOR' })
    await form.getByRole('button', { name: 'Save and connect' }).click()
    await connectionTab(app.page, 'Factory').waitFor()
    await waitForConnectionState(app.page, 'Factory', 'Connected')

    const Reading = protobuf.parse(PROTO, { keepCase: true }).root.lookupType('factory.v1.Reading')
    await peers.publisher.publishAsync('factory/press4/reading', Buffer.from(Reading.encode(Reading.fromObject({ device_id: 'press-4', offset: -12, value: 1013.25, unit: 2 })).finish()))
    await peers.publisher.publishAsync('cbor/line1/state', Buffer.from(cborEncode({ running: true, speed: 42 })))

    await selectTopic(app.page, 'factory/press4/reading')
    await treeRow(app.page, 'factory/press4/reading').getByText('= Reading {"device_id":"press-4","offset":-12,"value":1013.25,"unit":"BAR"}').waitFor()
    await expect.poll(() => codeViewText(app.page, 'Value of message 1')).toContain('"offset": -12')
    const reading = await codeViewText(app.page, 'Value of message 1')
    expect(reading).toContain('"device_id": "press-4"')
    expect(reading).toContain('"unit": "BAR"')
    expect(await app.page.getByLabel('Value format').locator('option:checked').innerText()).toBe('Auto (Protobuf)')

    await selectTopic(app.page, 'cbor/line1/state')
    await expect.poll(() => codeViewText(app.page, 'Value of message 1')).toContain('"speed": 42')
    expect(await app.page.getByLabel('Value format').locator('option:checked').innerText()).toBe('Pinned (CBOR)')
    // cborg writes map keys shortest first.
    await treeRow(app.page, 'cbor/line1/state').getByText('= {"speed":42,"running":true}').waitFor()
  })
})
