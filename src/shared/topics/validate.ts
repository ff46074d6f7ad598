import { utf8ByteLength } from './utf8'

/** MQTT limits a topic or filter to what a two-byte length prefix can hold. */
export const MAX_TOPIC_BYTES = 65_535

/** Why a topic or filter is invalid, as a sentence, or null when it is valid. */
export type TopicProblem = string | null

function commonProblem(text: string, what: string): TopicProblem {
  if (text.length === 0) return `The ${what} is empty; type at least one character.`
  if (text.includes('\u0000')) return `The ${what} contains a NUL character, which MQTT does not allow.`
  if (utf8ByteLength(text) > MAX_TOPIC_BYTES) {
    return `The ${what} is longer than MQTT allows (${MAX_TOPIC_BYTES} bytes in UTF-8); shorten it.`
  }
  return null
}

/** Checks a topic name used to publish: no wildcards, no NUL, at most 65,535 UTF-8 bytes. */
export function topicNameProblem(topic: string): TopicProblem {
  const common = commonProblem(topic, 'topic')
  if (common) return common
  if (topic.includes('+') || topic.includes('#')) {
    return `The topic "${topic}" contains a wildcard (+ or #); wildcards are only allowed in subscriptions.`
  }
  return null
}

/** Checks a topic filter used to subscribe: `+` a whole level, `#` a whole level and last. */
export function topicFilterProblem(filter: string): TopicProblem {
  const common = commonProblem(filter, 'topic filter')
  if (common) return common
  const shared = sharedSubscriptionParts(filter)
  if (shared === 'invalid') {
    return `The shared subscription "${filter}" must look like $share/<group>/<filter>, with a group name without + or #.`
  }
  const levels = (shared ? shared.filter : filter).split('/')
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] as string
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) {
      return `In "${filter}", # must stand alone as the last level (like sensors/#).`
    }
    if (level.includes('+') && level !== '+') {
      return `In "${filter}", + must stand alone as a whole level (like sensors/+/temp).`
    }
  }
  return null
}

/** Splits `$share/<group>/<filter>`; null when `filter` is not a shared subscription. */
export function sharedSubscriptionParts(filter: string): { group: string; filter: string } | null | 'invalid' {
  if (!filter.startsWith('$share/')) return null
  const rest = filter.slice('$share/'.length)
  const slash = rest.indexOf('/')
  if (slash <= 0) return 'invalid'
  const group = rest.slice(0, slash)
  const inner = rest.slice(slash + 1)
  if (group.includes('+') || group.includes('#') || inner.length === 0) return 'invalid'
  return { group, filter: inner }
}
