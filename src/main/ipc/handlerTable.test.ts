import { describe, expect, it } from 'vitest'
import { UserFacingError } from '../../shared/contract'
import { dispatch, toAppError, type HandlerTable } from './handlerTable'
import { testReceiver } from '../../../tests/support/deltaReceiver'

/** A table with the two requests these tests call; dispatch never touches the others. */
function tableWith(handlers: Partial<HandlerTable>): HandlerTable {
  return handlers as HandlerTable
}

const validPublish = { connectionId: 'c1', topic: 'maison/salon/temp', payload: new Uint8Array([1, 2, 3]) }

describe('dispatch', () => {
  it('runs the handler with schema-parsed arguments (defaults filled) and wraps the reply', async () => {
    let received: unknown
    const table = tableWith({
      'connection:publish': (args) => {
        received = args
        return { reasonCode: 0 }
      }
    })
    await expect(dispatch(table, 'connection:publish', validPublish, testReceiver())).resolves.toEqual({ ok: true, value: { reasonCode: 0 } })
    expect(received).toEqual({ ...validPublish, qos: 0, retain: false })
  })

  it.each([['nope:action'], ['toString'], ['__proto__'], [42], [undefined]])('refuses the unknown request %j', async (name) => {
    const result = await dispatch(tableWith({}), name, {}, testReceiver())
    expect(result).toEqual({ ok: false, error: { code: 'unknown-request', message: `The app does not know the request "${String(name)}".` } })
  })

  it('refuses arguments that fail the schema, saying what and where, before the handler runs', async () => {
    let called = false
    const table = tableWith({ 'connection:publish': () => ((called = true), { reasonCode: 0 }) })
    const result = await dispatch(table, 'connection:publish', { ...validPublish, topic: 'maison/+/temp' }, testReceiver())
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid-argument',
        message: 'The topic "maison/+/temp" contains a wildcard (+ or #); wildcards are only allowed in subscriptions. (topic)'
      }
    })
    expect(called).toBe(false)
  })

  it('names the path of a nested argument that fails the schema', async () => {
    const result = await dispatch(tableWith({}), 'connection:subscribe', { connectionId: 'c1', subscriptions: [{ filter: 'a/#/b' }] }, testReceiver())
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-argument')
      expect(result.error.message).toBe('In "a/#/b", # must stand alone as the last level (like sensors/#). (subscriptions.0.filter)')
    }
  })

  it('refuses arguments that are not an object at all', async () => {
    const result = await dispatch(tableWith({}), 'connection:list', 'not an object', testReceiver())
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('invalid-argument')
  })

  it('passes a UserFacingError through as its code and sentence only', async () => {
    const table = tableWith({
      'connection:publish': () => {
        throw new UserFacingError('not-connected', 'The connection "c1" is offline, not connected.')
      }
    })
    const result = await dispatch(table, 'connection:publish', validPublish, testReceiver())
    expect(result).toEqual({ ok: false, error: { code: 'not-connected', message: 'The connection "c1" is offline, not connected.' } })
    if (!result.ok) expect(Object.keys(result.error)).toEqual(['code', 'message'])
  })

  it('turns an unexpected error (sync or async) into an "internal" sentence without a stack trace', async () => {
    const boom = new TypeError('x is not a function')
    for (const handler of [() => { throw boom }, async () => { throw boom }]) {
      const result = await dispatch(tableWith({ 'connection:list': handler }), 'connection:list', {}, testReceiver())
      expect(result).toEqual({
        ok: false,
        error: {
          code: 'internal',
          message: 'Something went wrong inside the app (x is not a function). Try again; if it keeps happening, restart the app.'
        }
      })
      if (!result.ok) {
        expect(Object.keys(result.error)).toEqual(['code', 'message'])
        expect(result.error.message).not.toContain('    at ')
      }
    }
  })
})

describe('toAppError', () => {
  it('handles values that are not errors', () => {
    expect(toAppError('a string')).toEqual({
      code: 'internal',
      message: 'Something went wrong inside the app. Try again; if it keeps happening, restart the app.'
    })
    expect(toAppError(undefined).code).toBe('internal')
  })
})
