import { sharedSubscriptionParts } from './validate'

/** A compiled filter: test a topic name against it without re-parsing the filter each time. */
export type TopicMatcher = (topic: string) => boolean

/**
 * Compiles a valid topic filter. `+` matches exactly one level (which may be empty), `#` matches the
 * parent level and everything below it, and topics beginning with `$` are not matched by a filter
 * whose first level is a wildcard (MQTT 3.1.1 §4.7.2, MQTT 5 §4.7.2).
 */
export function compileTopicFilter(filter: string): TopicMatcher {
  const shared = sharedSubscriptionParts(filter)
  const effective = shared && shared !== 'invalid' ? shared.filter : filter
  const levels = effective.split('/')
  const last = levels.length - 1
  const endsWithHash = levels[last] === '#'
  const firstIsWildcard = levels[0] === '+' || levels[0] === '#'
  if (!effective.includes('+') && !endsWithHash) return (topic) => topic === effective

  return (topic) => {
    if (firstIsWildcard && topic.charCodeAt(0) === 36 /* $ */) return false
    let start = 0
    for (let i = 0; i <= last; i++) {
      const level = levels[i] as string
      if (level === '#') return true
      if (start > topic.length) return false
      let end = topic.indexOf('/', start)
      if (end === -1) end = topic.length
      if (level !== '+' && (end - start !== level.length || !topic.startsWith(level, start))) return false
      start = end + 1
    }
    return start === topic.length + 1
  }
}
