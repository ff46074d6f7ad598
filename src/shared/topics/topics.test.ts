import { describe, expect, it } from 'vitest'
import {
  compileTopicFilter,
  MAX_TOPIC_BYTES,
  sharedSubscriptionParts,
  topicFilterProblem,
  topicNameProblem,
  utf8ByteLength
} from '.'

describe('utf8ByteLength', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['€', 3],
    ['😀', 4],
    ['a😀b', 6],
    ['\ud800', 3], // a lone surrogate is encoded as U+FFFD: 3 bytes
    ['\ud800x', 4]
  ])('%j takes %i bytes', (text, bytes) => {
    expect(utf8ByteLength(text)).toBe(bytes)
    if (!/[\ud800-\udfff]/.test(text)) expect(utf8ByteLength(text)).toBe(new TextEncoder().encode(text).byteLength)
  })
})

describe('topic names (publish)', () => {
  it.each(['a', 'maison/salon/temp', '/', 'a//b', '//', '/a', 'a/', '$SYS/broker/version', 'with space', 'ünïcødé/€/😀'])(
    'accepts %j',
    (topic) => {
      expect(topicNameProblem(topic)).toBeNull()
    }
  )

  it('refuses an empty topic', () => {
    expect(topicNameProblem('')).toBe('The topic is empty; type at least one character.')
  })

  it.each(['+', '#', 'a/+/b', 'a/#', 'a+b', 'a#'])('refuses the wildcard topic %j', (topic) => {
    expect(topicNameProblem(topic)).toBe(`The topic "${topic}" contains a wildcard (+ or #); wildcards are only allowed in subscriptions.`)
  })

  it('refuses NUL', () => {
    expect(topicNameProblem('a\u0000b')).toBe('The topic contains a NUL character, which MQTT does not allow.')
  })

  it('allows exactly 65,535 UTF-8 bytes, counting multi-byte characters as their bytes', () => {
    expect(MAX_TOPIC_BYTES).toBe(65_535)
    expect(topicNameProblem('a'.repeat(65_535))).toBeNull()
    expect(topicNameProblem('a'.repeat(65_536))).toMatch(/longer than MQTT allows \(65535 bytes in UTF-8\)/)
    const euros = '€'.repeat(21_845) // 65,535 bytes in 21,845 characters
    expect(topicNameProblem(euros)).toBeNull()
    expect(topicNameProblem(`${euros}a`)).not.toBeNull()
    expect(topicNameProblem('😀'.repeat(16_384))).not.toBeNull() // 65,536 bytes in 32,768 UTF-16 units
  })
})

describe('topic filters (subscribe)', () => {
  it.each(['maison/+/temp', 'maison/#', '#', '+', '+/+', '/', 'a//b', '$SYS/#', '+/#', 'a/+/+/#', '/+', '+/', 'sport/tennis/player1/#'])(
    'accepts %j',
    (filter) => {
      expect(topicFilterProblem(filter)).toBeNull()
    }
  )

  it.each(['a/#/b', '#/a', 'a#', 'a/b#', '##'])('refuses %j: # must be a whole last level', (filter) => {
    expect(topicFilterProblem(filter)).toBe(`In "${filter}", # must stand alone as the last level (like sensors/#).`)
  })

  it.each(['a+', 'a/+b', '++', 'a/b+/c'])('refuses %j: + must be a whole level', (filter) => {
    expect(topicFilterProblem(filter)).toBe(`In "${filter}", + must stand alone as a whole level (like sensors/+/temp).`)
  })

  it('refuses empty, NUL and over-long filters', () => {
    expect(topicFilterProblem('')).toBe('The topic filter is empty; type at least one character.')
    expect(topicFilterProblem('a/\u0000')).toBe('The topic filter contains a NUL character, which MQTT does not allow.')
    expect(topicFilterProblem(`${'é'.repeat(32_766)}a/#`)).toBeNull() // 65,532 + 3 = 65,535 bytes
    expect(topicFilterProblem(`${'é'.repeat(32_767)}/#`)).toMatch(/longer than MQTT allows/) // 65,536 bytes
  })

  it('checks the byte limit on filters like on names', () => {
    expect(topicFilterProblem(`${'a'.repeat(65_533)}/#`)).toBeNull()
    expect(topicFilterProblem(`${'a'.repeat(65_534)}/#`)).toMatch(/longer than MQTT allows/)
  })

  describe('shared subscriptions', () => {
    it.each([
      ['$share/group/maison/#', { group: 'group', filter: 'maison/#' }],
      ['$share/g/+', { group: 'g', filter: '+' }],
      ['$share/g/a//b', { group: 'g', filter: 'a//b' }]
    ])('splits %j', (filter, parts) => {
      expect(sharedSubscriptionParts(filter)).toEqual(parts)
      expect(topicFilterProblem(filter)).toBeNull()
    })

    it.each(['$share/g', '$share//a', '$share/g+/a', '$share/g#/a', '$share/g/'])('refuses %j', (filter) => {
      expect(topicFilterProblem(filter)).toBe(`The shared subscription "${filter}" must look like $share/<group>/<filter>, with a group name without + or #.`)
    })

    it('checks the inner filter too', () => {
      expect(topicFilterProblem('$share/g/a/#/b')).toMatch(/# must stand alone/)
    })

    it('is not a shared subscription without the $share/ prefix', () => {
      expect(sharedSubscriptionParts('share/g/a')).toBeNull()
      expect(sharedSubscriptionParts('$SYS/a')).toBeNull()
    })
  })
})

describe('matching', () => {
  const cases: [filter: string, matches: string[], misses: string[]][] = [
    ['maison/+/temp', ['maison/salon/temp', 'maison//temp'], ['maison/temp', 'maison/salon/x/temp', 'maison/salon/temp/', 'Maison/salon/temp', 'maison/salon/tempo']],
    ['maison/#', ['maison', 'maison/', 'maison/a', 'maison/a/b/c'], ['maisons', 'maiso', 'x/maison', '/maison']],
    ['#', ['a', '/', 'a/b', '//', 'maison/salon/temp'], ['$SYS', '$SYS/broker/version', '$anything/x']],
    ['+', ['a', 'maison'], ['a/b', '/', '$SYS']],
    ['+/+', ['a/b', '/', 'a/', '/b'], ['a', 'a/b/c', '$SYS/x', '//']],
    ['+/#', ['a', 'a/b', '/', '/x/y'], ['$SYS/x', '$SYS']],
    ['/', ['/'], ['', 'a', '//', 'a/']],
    ['a//b', ['a//b'], ['a/b', 'a/x/b', 'a///b']],
    ['a/+/b', ['a//b', 'a/x/b'], ['a/b', 'a/x/y/b']],
    ['/+', ['/a', '/'], ['a', 'a/b', '//a']],
    ['$SYS/#', ['$SYS', '$SYS/broker/version', '$SYS/'], ['SYS/x', '$SYSTEM/x']],
    ['$SYS/broker/+', ['$SYS/broker/version'], ['$SYS/broker/clients/total']],
    ['+/broker/version', [], ['$SYS/broker/version']],
    ['sport/tennis/player1/#', ['sport/tennis/player1', 'sport/tennis/player1/ranking', 'sport/tennis/player1/score/wimbledon'], ['sport/tennis/player2']],
    ['sport/+', ['sport/'], ['sport']],
    ['exact/topic', ['exact/topic'], ['exact/topic/', 'exact', 'exact/topics']],
    ['$share/g/maison/+', ['maison/salon'], ['maison', '$share/g/maison/salon']],
    ['€/+/😀', ['€/x/😀', '€//😀'], ['€/x/y/😀']]
  ]

  it.each(cases)('%j matches and misses what MQTT says', (filter, matches, misses) => {
    const matcher = compileTopicFilter(filter)
    for (const topic of matches) expect([topic, matcher(topic)]).toEqual([topic, true])
    for (const topic of misses) expect([topic, matcher(topic)]).toEqual([topic, false])
  })

  it('matches a filter longer than the topic only through a trailing #', () => {
    expect(compileTopicFilter('a/b/#')('a/b')).toBe(true)
    expect(compileTopicFilter('a/b/+')('a/b')).toBe(false)
    expect(compileTopicFilter('a/b/c')('a/b')).toBe(false)
  })
})
