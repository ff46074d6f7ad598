import { describe, expect, it } from 'vitest'
import { testRecord } from '../../test/records'
import { historyToCsv } from './historyCsv'

describe('history export', () => {
  it('writes CSV oldest first, quoting text and encoding binary payloads', () => {
    const csv = historyToCsv('home/t', [
      testRecord(2, Uint8Array.from([0, 255]), { qos: 1, retain: true }),
      testRecord(1, '{"a":"x,y"}'),
      testRecord(3, '', { size: 100, payloadEvicted: true })
    ])
    expect(csv.split('\r\n')).toEqual([
      'topic,seq,received_at,qos,retain,dup,size,truncated,payload,decoder,decoded',
      `home/t,1,${new Date(1_700_000_001_000).toISOString()},0,false,false,11,false,"{""a"":""x,y""}",,`,
      `home/t,2,${new Date(1_700_000_002_000).toISOString()},1,true,false,2,false,base64:AP8=,,`,
      `home/t,3,${new Date(1_700_000_003_000).toISOString()},0,false,false,100,true,,,`,
      ''
    ])
  })

  it('adds what a decoder read, quoted like any other cell', () => {
    const csv = historyToCsv('plant/cam', [testRecord(1, Uint8Array.from([0x89, 0x50]))], new Map([[1, { decoder: 'image' as const, text: 'PNG image 2×2, 70 B' }]]))
    expect(csv.split('\r\n')[1]?.endsWith(',base64:iVA=,image,"PNG image 2×2, 70 B"')).toBe(true)
  })
})
