import { describe, expect, it } from 'vitest'
import { askedNames, expandVariables, hasVariables, type VariableContext } from './variables'

const context = (overrides: Partial<VariableContext> = {}): VariableContext => ({
  now: new Date('2026-12-03T10:15:30.123Z'),
  counter: 7,
  random: () => 0.5,
  uuid: () => '00000000-0000-4000-8000-000000000000',
  answers: {},
  ...overrides
})

describe('message variables', () => {
  it('fills in time, ids, the counter and random numbers', () => {
    expect(expandVariables('{"t":"{{now}}","ms":{{ timestamp }},"id":"{{uuid}}","n":{{counter}},"r":{{random 1 100}},"f":{{randomFloat 18 25 1}}}', context())).toEqual({
      text: '{"t":"2026-12-03T10:15:30.123Z","ms":1796292930123,"id":"00000000-0000-4000-8000-000000000000","n":7,"r":51,"f":21.5}'
    })
    expect(expandVariables('{{random 1 100}} {{random 1 100}}', context({ random: () => 0.999999 }))).toEqual({ text: '100 100' })
    expect(expandVariables('{{random 5 5}}', context({ random: () => 0 }))).toEqual({ text: '5' })
    expect(expandVariables('plain text, { not a variable }', context())).toEqual({ text: 'plain text, { not a variable }' })
  })

  it('uses the values typed for {{ask}} and lists what to ask once each', () => {
    expect(askedNames('devices/{{ask device id}}/cmd', '{"id":"{{ask device id}}","v":{{ask value}}}')).toEqual(['device id', 'value'])
    expect(expandVariables('devices/{{ask device id}}/cmd', context({ answers: { 'device id': 'pump-4' } }))).toEqual({ text: 'devices/pump-4/cmd' })
    expect(expandVariables('{{ask value}}', context())).toEqual({ error: 'Type a value for {{ask value}} before sending.' })
  })

  it('says in a sentence what is wrong with a variable', () => {
    expect(expandVariables('{{temperature}}', context())).toEqual({ error: '{{temperature}} is not a variable. Use now, timestamp, uuid, counter, random, randomFloat or ask.' })
    expect(expandVariables('{{random 1}}', context())).toEqual({ error: '{{random 1}} needs 2 numbers: write it like {{random 1 100}}.' })
    expect(expandVariables('{{random 9 2}}', context())).toEqual({ error: '{{random 9 2}}: the first number must not be larger than the second.' })
    expect(expandVariables('{{randomFloat 1 2 x}}', context())).toMatchObject({ error: expect.stringMatching(/needs 3 numbers/) })
    expect(expandVariables('{{ask}}', context())).toMatchObject({ error: expect.stringMatching(/needs a name/) })
    expect([hasVariables('a {{now}}'), hasVariables('{"a":{"b":1}}')]).toEqual([true, false])
  })
})
