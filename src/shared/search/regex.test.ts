import { describe, expect, it } from 'vitest'
import { searchRegexFlags, searchRegexProblem } from './regex'

describe('search regex', () => {
  it('explains a pattern that does not compile, with the Unicode flag main uses', () => {
    expect(searchRegexProblem('^home/\\w+$', false)).toBeNull()
    expect(searchRegexProblem('(unclosed', false)).toMatch(/^The regular expression is not valid \(.+\); check its brackets/)
    // Without the u flag \p{L} is a plain "p{L}"; with it, an unknown property is an error.
    expect(searchRegexProblem('\\p{Nonsense}', true)).not.toBeNull()
    expect(searchRegexFlags(false)).toBe('iu')
    expect(searchRegexFlags(true)).toBe('u')
  })
})
