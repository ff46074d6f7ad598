import { describe, expect, it } from 'vitest'
import { sampleProfile } from '../../test/memoryProfiles'
import { nextFocus, profileMatches } from './profileSearch'

describe('profile search', () => {
  const plant = { ...sampleProfile('p', 'Plant Line 4'), group: 'Factory' }

  it('matches every word in the name, the address or the group, in any case', () => {
    expect(profileMatches(plant, '')).toBe(true)
    expect(profileMatches(plant, 'line 4')).toBe(true)
    expect(profileMatches(plant, 'FACTORY plant')).toBe(true)
    expect(profileMatches(plant, `${plant.options.host}`)).toBe(true)
    expect(profileMatches(plant, 'line 5')).toBe(false)
  })

  it('moves through the list with the arrow keys, Home and End, staying at the ends', () => {
    const items = ['a', 'b', 'c']
    expect(nextFocus(items, null, 'ArrowDown')).toBe('a')
    expect(nextFocus(items, 'a', 'ArrowDown')).toBe('b')
    expect(nextFocus(items, 'c', 'ArrowDown')).toBe('c')
    expect(nextFocus(items, 'b', 'ArrowUp')).toBe('a')
    // Up from the first goes back to the search box (nothing in the list).
    expect(nextFocus(items, 'a', 'ArrowUp')).toBeUndefined()
    expect(nextFocus(items, 'b', 'End')).toBe('c')
    expect(nextFocus(items, 'b', 'Home')).toBe('a')
    expect(nextFocus(items, 'b', 'x')).toBeUndefined()
  })
})
