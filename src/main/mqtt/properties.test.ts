import { describe, expect, it } from 'vitest'
import {
  fromMqttMessageProperties,
  fromMqttUserProperties,
  toMqttPublishProperties,
  toMqttUserProperties,
  toMqttWillProperties
} from './properties'

describe('user properties', () => {
  const pairs: [string, string][] = [['unit', 'celsius'], ['tag', 'a'], ['site', 'paris'], ['tag', 'b'], ['tag', 'c']]

  it('become mqtt.js records, a repeated key holding its values in order', () => {
    expect(toMqttUserProperties(pairs)).toEqual({ unit: 'celsius', tag: ['a', 'b', 'c'], site: 'paris' })
  })

  it('come back as pairs, one per value', () => {
    expect(fromMqttUserProperties({ unit: 'celsius', tag: ['a', 'b'] })).toEqual([['unit', 'celsius'], ['tag', 'a'], ['tag', 'b']])
  })

  it('keep empty keys and values', () => {
    expect(fromMqttUserProperties(toMqttUserProperties([['', ''], ['k', '']]))).toEqual([['', ''], ['k', '']])
  })
})

describe('publish properties', () => {
  it('map every field that is set, and only those', () => {
    expect(toMqttPublishProperties({})).toEqual({})
    expect(toMqttPublishProperties({ contentType: 'text/plain', payloadFormatIndicator: false, messageExpiryInterval: 0 })).toEqual({
      contentType: 'text/plain',
      payloadFormatIndicator: false,
      messageExpiryInterval: 0
    })
  })

  it('send correlation data as a Buffer over the same bytes, without a copy', () => {
    const backing = new Uint8Array([9, 1, 2, 3, 9])
    const data = backing.subarray(1, 4)
    const mapped = toMqttPublishProperties({ correlationData: data, responseTopic: 'reply/here' })
    expect(Buffer.isBuffer(mapped.correlationData)).toBe(true)
    expect([...(mapped.correlationData ?? [])]).toEqual([1, 2, 3])
    backing[1] = 7
    expect(mapped.correlationData?.[0]).toBe(7)
    expect(mapped.responseTopic).toBe('reply/here')
  })

  it('leave out an empty user property list', () => {
    expect(toMqttPublishProperties({ userProperties: [] })).toEqual({})
  })

  it('add the will delay for the last will', () => {
    expect(toMqttWillProperties({ willDelayInterval: 30, contentType: 'a' })).toEqual({ willDelayInterval: 30, contentType: 'a' })
  })
})

describe('received message properties', () => {
  it('map every field, subscription identifiers always as a list', () => {
    const correlationData = Buffer.from([1, 2])
    expect(
      fromMqttMessageProperties({
        contentType: 'application/json',
        responseTopic: 'r',
        correlationData,
        userProperties: { a: '1', b: ['2', '3'] },
        messageExpiryInterval: 10,
        payloadFormatIndicator: true,
        topicAlias: 4,
        subscriptionIdentifier: 7
      })
    ).toEqual({
      contentType: 'application/json',
      responseTopic: 'r',
      correlationData,
      userProperties: [['a', '1'], ['b', '2'], ['b', '3']],
      messageExpiryInterval: 10,
      payloadFormatIndicator: true,
      topicAlias: 4,
      subscriptionIdentifiers: [7]
    })
    expect(fromMqttMessageProperties({ subscriptionIdentifier: [1, 5] }).subscriptionIdentifiers).toEqual([1, 5])
  })

  it('add no keys for absent properties', () => {
    expect(Object.keys(fromMqttMessageProperties({}))).toEqual([])
  })
})
