import { describe, expect, it } from 'vitest'
import { installQuitSequence, withinTime, type QuittingApp } from './quitSequence'

function fakeApp(): QuittingApp & { quitAttempt(): boolean; quits: number; whenQuit: Promise<void> } {
  let listener: ((event: { preventDefault(): void }) => void) | undefined
  let quitNow: () => void = () => undefined
  const whenQuit = new Promise<void>((resolve) => (quitNow = resolve))
  const app = {
    quits: 0,
    whenQuit,
    on: (_event: 'before-quit', l: (event: { preventDefault(): void }) => void) => (listener = l),
    quit() {
      app.quits++
      if (app.quitAttempt()) quitNow()
    },
    /** One quit as Electron makes it: true when nothing held it back. */
    quitAttempt(): boolean {
      let held = false
      listener?.({ preventDefault: () => (held = true) })
      return !held
    }
  }
  return app
}

describe('quit sequence', () => {
  it('holds the quit until the connections are closed, once, then quits', async () => {
    const app = fakeApp()
    let disposed = 0
    let finish: () => void = () => undefined
    installQuitSequence(app, () => new Promise<void>((resolve) => {
      disposed++
      finish = resolve
    }))
    expect(app.quitAttempt()).toBe(false)
    expect(app.quitAttempt()).toBe(false)
    expect(disposed).toBe(1)
    finish()
    await app.whenQuit
    expect(app.quits).toBe(1)
  })

  it('quits after the time limit when closing hangs, and when it fails', async () => {
    const hung = fakeApp()
    installQuitSequence(hung, () => new Promise<void>(() => undefined), 50)
    expect(hung.quitAttempt()).toBe(false)
    await hung.whenQuit
    const failing = fakeApp()
    installQuitSequence(failing, () => Promise.reject(new Error('socket gone')), 5_000)
    expect(failing.quitAttempt()).toBe(false)
    await failing.whenQuit
  })

  it('reports whether the work finished in time', async () => {
    expect(await withinTime(() => Promise.resolve(), 1_000)).toBe('done')
    expect(await withinTime(() => new Promise<void>(() => undefined), 10)).toBe('timed-out')
  })
})
