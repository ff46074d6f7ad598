import { describe, expect, it } from 'vitest'
import { ClientModel } from '../../model'
import { testDelta } from '../../test/deltas'
import { flattenTree } from './flattenTree'
import { treeKeyAction } from './treeKeys'

const model = new ClientModel('k')
model.apply(testDelta('k', 1, [{ topic: 'a/x', payload: '1' }, { topic: 'a/y', payload: '2' }, { topic: 'b', payload: '3' }]))
const collapsed = flattenTree(model, { expanded: new Set(), sort: 'name', descending: false, match: null })
const open = flattenTree(model, { expanded: new Set(['a']), sort: 'name', descending: false, match: null })

describe('tree keyboard', () => {
  it('moves with the arrows and jumps with Home and End', () => {
    expect(treeKeyAction('ArrowDown', open, 0)).toEqual({ kind: 'select', index: 1 })
    expect(treeKeyAction('ArrowDown', open, 3)).toEqual({ kind: 'select', index: 3 })
    expect(treeKeyAction('ArrowUp', open, 0)).toEqual({ kind: 'select', index: 0 })
    expect(treeKeyAction('ArrowDown', open, -1)).toEqual({ kind: 'select', index: 0 })
    expect(treeKeyAction('End', open, 0)).toEqual({ kind: 'select', index: 3 })
    expect(treeKeyAction('Home', open, 3)).toEqual({ kind: 'select', index: 0 })
  })
  it('expands with Right, then enters the first child', () => {
    expect(treeKeyAction('ArrowRight', collapsed, 0)).toEqual({ kind: 'expand', path: 'a' })
    expect(treeKeyAction('ArrowRight', open, 0)).toEqual({ kind: 'select', index: 1 })
    expect(treeKeyAction('ArrowRight', open, 1)).toEqual({ kind: 'none' })
  })
  it('collapses with Left, or goes to the parent', () => {
    expect(treeKeyAction('ArrowLeft', open, 0)).toEqual({ kind: 'collapse', path: 'a' })
    expect(treeKeyAction('ArrowLeft', open, 2)).toEqual({ kind: 'select', index: 0 })
    expect(treeKeyAction('ArrowLeft', open, 3)).toEqual({ kind: 'none' })
  })
  it('toggles with Enter on a branch only', () => {
    expect(treeKeyAction('Enter', open, 0)).toEqual({ kind: 'toggle', path: 'a' })
    expect(treeKeyAction('Enter', open, 1)).toEqual({ kind: 'none' })
  })
})
