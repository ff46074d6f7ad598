import { describe, expect, it } from 'vitest'
import { topicTextMatcher } from '.'

describe('topicTextMatcher', () => {
  it('finds the text anywhere in the name, ignoring case unless asked', () => {
    expect(topicTextMatcher('TEMP', false)('home/kitchen/temp')).toBe(true)
    expect(topicTextMatcher('TEMP', true)('home/kitchen/temp')).toBe(false)
    expect(topicTextMatcher('n/t', true)('home/kitchen/temp')).toBe(true)
    expect(topicTextMatcher('hall', false)('home/kitchen/temp')).toBe(false)
  })
})
