import { describe, expect, it } from 'vitest'
import { composeMessage, describePublishResult, draftFromSaved, emptyComposerDraft } from './compose'

const draft = { ...emptyComposerDraft, topic: 'home/lamp', text: '{"on":true}' }

describe('composing a message', () => {
  it('validates the topic with the shared rules', () => {
    expect(composeMessage({ ...draft, topic: 'home/+' }, false).problems.topic).toMatch(/wildcard/)
    expect(composeMessage({ ...draft, topic: '' }, false).problems.topic).toMatch(/empty/)
  })
  it('validates JSON, hex and base64 payloads', () => {
    expect(composeMessage({ ...draft, text: '{"on":' }, false).problems.payload).toMatch(/not valid JSON/)
    expect(composeMessage({ ...draft, format: 'hex', text: '0g' }, false).problems.payload).toMatch(/0-9 and a-f/)
    expect(composeMessage({ ...draft, format: 'hex', text: 'de ad' }, false).message?.payload).toEqual(Uint8Array.from([0xde, 0xad]))
    expect(composeMessage({ ...draft, format: 'base64', text: '3q0=' }, false).message?.payload).toEqual(Uint8Array.from([0xde, 0xad]))
  })
  it('sends MQTT 5 properties only on MQTT 5 connections', () => {
    const withProps = {
      ...draft,
      contentType: 'application/json',
      responseTopic: 'reply/here',
      correlationData: 'req-1',
      messageExpiry: '60',
      userProperties: [['site', 'lab'], ['', '']] as [string, string][]
    }
    expect(composeMessage(withProps, false).message?.properties).toBeUndefined()
    expect(composeMessage(withProps, true).message?.properties).toEqual({
      contentType: 'application/json',
      responseTopic: 'reply/here',
      correlationData: new TextEncoder().encode('req-1'),
      messageExpiryInterval: 60,
      userProperties: [['site', 'lab']]
    })
  })
  it('says what is wrong with properties', () => {
    const { problems } = composeMessage({ ...draft, responseTopic: 'a/#', messageExpiry: '-1', userProperties: [['', 'x']] }, true)
    expect(problems.responseTopic).toMatch(/^The response topic/)
    expect(problems.messageExpiry).toMatch(/whole number of seconds/)
    expect(problems.userProperties).toMatch(/needs a name/)
  })
  it('reopens a saved message in its format', () => {
    const reopened = draftFromSaved({ topic: 't', payload: Uint8Array.from([1, 2]), payloadFormat: 'hex', qos: 2, retain: true })
    expect(reopened).toMatchObject({ topic: 't', topicTouched: true, text: '01 02', format: 'hex', qos: 2, retain: true })
  })
  it("describes the broker's answer", () => {
    expect(describePublishResult(0, { reasonCode: 0 }, true)).toMatch(/no acknowledgement/)
    expect(describePublishResult(1, { reasonCode: 0 }, true)).toBe('Acknowledged by the broker (QoS 1).')
    expect(describePublishResult(2, { reasonCode: 0x10 }, true)).toMatch(/no subscriber matched/)
  })

  it('says what a QoS 2 acknowledged with a PUBACK means (RabbitMQ)', () => {
    expect(describePublishResult(2, { reasonCode: 0, downgradedTo: 1 }, true)).toBe('Acknowledged as QoS 1: this broker does not support QoS 2.')
  })

  it('says on MQTT 3.1.1 that an acknowledgement does not mean the access rules let it through', () => {
    expect(describePublishResult(1, { reasonCode: 0 }, false)).toBe("Acknowledged by the broker (QoS 1). MQTT 3.1.1 cannot tell whether the broker's access rules dropped it.")
  })

  it("says when the message is larger than the broker's Maximum Packet Size", () => {
    const sized = { ...draft, topic: 'big', format: 'text' as const, text: 'x'.repeat(100), qos: 1 as const }
    // 1 fixed header + 1 remaining length + 2 + 3 (topic) + 2 (packet id) + 1 (no properties) + 100 payload = 110 bytes.
    expect(composeMessage(sized, true, 110).problems.payload).toBeUndefined()
    expect(composeMessage(sized, true, 109).problems.payload).toBe('This message is 110 bytes as an MQTT packet; the broker accepts at most 109 (Maximum Packet Size in its CONNACK). Make the payload smaller.')
    expect(composeMessage(sized, true, 109).message).toBeNull()
  })
})
