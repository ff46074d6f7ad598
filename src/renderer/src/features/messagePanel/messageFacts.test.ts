import { describe, expect, it } from 'vitest'
import { testRecord } from '../../test/records'
import { payloadAvailability, payloadFileName, propertyRows } from './messageFacts'

describe('message facts', () => {
  it('lists MQTT 5 properties in a stable order', () => {
    expect(
      propertyRows({ userProperties: [['a', '1'], ['a', '2']], responseTopic: 'r', correlationData: Uint8Array.from([0xff]), messageExpiryInterval: 5, subscriptionIdentifiers: [3] })
    ).toEqual([
      ['Response topic', 'r'],
      ['Correlation data', 'ff'],
      ['Message expiry', '5 s'],
      ['Subscription ids', '3'],
      ['User: a', '1'],
      ['User: a', '2']
    ])
    expect(propertyRows(undefined)).toEqual([])
  })
  it('tells whole, partial and evicted payloads apart', () => {
    expect(payloadAvailability(testRecord(1, 'abc'))).toEqual({ kind: 'whole' })
    expect(payloadAvailability(testRecord(1, 'abc', { size: 2048, truncated: true }))).toEqual({ kind: 'partial', text: 'Showing the first 3 B of 2.0 KB.' })
    expect(payloadAvailability(testRecord(1, '', { size: 10, payloadEvicted: true })).kind).toBe('evicted')
  })
  it('makes a safe file name from a topic', () => {
    expect(payloadFileName('$SYS/broker/uptime', 4, 'txt')).toBe('SYS_broker_uptime-4.txt')
    expect(payloadFileName('///', 1, 'bin')).toBe('payload-1.bin')
  })
})
