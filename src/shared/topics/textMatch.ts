import type { TopicMatcher } from './match'

/**
 * Whether a topic name contains `text`, ignoring case unless `caseSensitive`. Main's topic search and the
 * renderer's filter box both use this test, so a topic the box shows is one main's search finds.
 */
export function topicTextMatcher(text: string, caseSensitive: boolean): TopicMatcher {
  if (caseSensitive) return (topic) => topic.includes(text)
  const lower = text.toLowerCase()
  return (topic) => topic.toLowerCase().includes(lower)
}
