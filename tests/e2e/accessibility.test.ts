import mqtt, { type MqttClient } from 'mqtt'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect } from 'vitest'
import { startTestBroker, type TestBroker } from '../support/broker'
import { saveScreenshot } from './support/artifacts'
import { axeViolations, describeViolations } from './support/axe'
import { overflowingText } from './support/overflow'
import { contrastRatio } from './support/contrast'
import type { PageGlobals } from './support/pageGlobals'
import { test } from './support/fixtures'
import { createProfile, profileForm, selectTopic, treeRow, waitForConnectionState, composerOf } from './support/ui'

const THEMES = ['light', 'dark'] as const
const SIZES = [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }] as const
/** The size the e2e browser opens with (tests/e2e/support/browser.ts). */
const DEFAULT_SIZE = { width: 1280, height: 800 }

/** Switches the OS theme the page sees, and waits until Monaco's editors (themed from script, on the media query's change event) follow. */
async function showTheme(page: Page, colorScheme: (typeof THEMES)[number]): Promise<void> {
  await page.emulateMedia({ colorScheme })
  const other = colorScheme === 'dark' ? '.monaco-editor.vs' : '.monaco-editor.vs-dark'
  await page.waitForFunction((selector) => (globalThis as unknown as PageGlobals).document.querySelector(selector) === null, other)
}

/**
 * Runs axe on what is on screen in both themes, saving a screenshot of each (artifacts/e2e/, to look at what was
 * checked); returns one readable block per screen and theme that failed.
 */
async function auditBothThemes(page: Page, screen: string): Promise<string[]> {
  const found: string[] = []
  for (const colorScheme of THEMES) {
    await showTheme(page, colorScheme)
    await saveScreenshot(page, `accessibility--${screen}--${colorScheme}`)
    const violations = await axeViolations(page)
    if (violations.length > 0) found.push(`${screen}, ${colorScheme} theme:\n${describeViolations(violations)}`)
    // The same screen at a small laptop's and a desktop's size: a screenshot of each, and no text out of its box.
    for (const size of SIZES) {
      await page.setViewportSize(size)
      await saveScreenshot(page, `accessibility--${screen}--${colorScheme}--${size.width}x${size.height}`)
      const spilled = await overflowingText(page)
      if (spilled.length > 0) found.push(`${screen}, ${colorScheme} theme, ${size.width}×${size.height}: text out of its box:\n${spilled.join('\n')}`)
    }
    await page.setViewportSize(DEFAULT_SIZE)
  }
  return found
}

/** Opens every folded part (proxy, MQTT 5 properties, sequences…) so what is inside is checked too. */
async function unfoldAll(page: Page): Promise<void> {
  await page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<{ open: boolean }> } }).document
    for (const details of doc.querySelectorAll('details')) details.open = true
  })
}

/** Text colours of the palette and the backgrounds any of them may sit on (the selected row's, and a changed row's flash). */
const TEXT_COLOURS = ['--fg', '--fg-muted', '--accent', '--ok', '--warn', '--error'] as const
const BACKGROUNDS = ['--bg', '--bg-panel', '--bg-raised', '--bg-hover', '--bg-selected', '--highlight'] as const

/** The computed rgb() of custom properties, read through a probe element (a custom property itself reads as written). */
function palette(page: Page, names: readonly string[]): Promise<Record<string, string>> {
  return page.evaluate((list) => {
    type Probe = { style: { color: string }; remove(): void }
    const w = globalThis as unknown as { document: { createElement(t: string): Probe; body: { append(p: Probe): void } }; getComputedStyle(p: Probe): { color: string } }
    const probe = w.document.createElement('span')
    w.document.body.append(probe)
    const colours: Record<string, string> = {}
    for (const name of list) {
      probe.style.color = `var(${name})`
      colours[name] = w.getComputedStyle(probe).color
    }
    probe.remove()
    return colours
  }, names)
}

describe('accessibility (axe-core, WCAG 2.2 AA)', () => {
  let broker: TestBroker
  let publisher: MqttClient
  beforeAll(async () => {
    broker = await startTestBroker({ listeners: ['plain'] })
    publisher = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.ports.plain}`, { reconnectPeriod: 0 })
  })
  afterAll(async () => {
    await publisher?.endAsync()
    await broker?.stop()
  })

  test('every main screen passes axe in the light and the dark theme', async ({ app }) => {
    const { page } = app
    const found: string[] = []
    await app.open()
    await createProfile(page, { name: 'Plant', host: '127.0.0.1', port: broker.ports.plain ?? 0, protocolVersion: 5 })
    await page.getByRole('button', { name: 'New profile' }).click()
    await profileForm(page).waitFor()
    await unfoldAll(page)
    found.push(...(await auditBothThemes(page, 'the profiles screen with the profile form')))

    await page.getByRole('button', { name: 'Connect Plant' }).click()
    await waitForConnectionState(page, 'Plant', 'Connected')
    for (let i = 1; i <= 5; i++) await publisher.publishAsync('plant/line1/temp', String(20 + i), { qos: 1, retain: true })
    await publisher.publishAsync('plant/line1/state', JSON.stringify({ level: 42, ok: true, mode: 'auto' }), { qos: 1, retain: true })
    await selectTopic(page, 'plant/line1/temp')
    await page.getByRole('listbox', { name: 'Message history' }).getByRole('option').nth(4).waitFor()
    found.push(...(await auditBothThemes(page, 'a connection tab with tree, history and viewer, the composer folded')))
    await composerOf(page)
    await unfoldAll(page)
    found.push(...(await auditBothThemes(page, 'a connection tab with tree, history, viewer and composer')))
    await page.getByRole('checkbox', { name: 'Show diff' }).check()
    await page.locator('.monaco-diff-editor').waitFor()
    found.push(...(await auditBothThemes(page, 'the value viewer comparing two messages')))
    await page.getByRole('button', { name: 'Clear retained…' }).click()
    await page.getByRole('dialog').waitFor()
    found.push(...(await auditBothThemes(page, 'the clear-retained confirmation')))
    await page.keyboard.press('Escape')
    await page.keyboard.press('F1')
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor()
    found.push(...(await auditBothThemes(page, 'the shortcuts help')))
    await page.keyboard.press('Escape')

    for (const panel of ['Subscriptions', 'Broker'] as const) {
      await page.getByRole('tab', { name: panel }).click()
      await page.getByRole('tabpanel', { name: panel }).waitFor()
      found.push(...(await auditBothThemes(page, `the ${panel} panel`)))
    }

    await page.getByRole('tab', { name: 'Topic' }).click()
    await page.getByRole('button', { name: 'Plot', exact: true }).click()
    await page.getByRole('region', { name: 'Chart 1' }).waitFor()
    found.push(...(await auditBothThemes(page, 'the Charts panel with a chart')))

    expect(found.join('\n\n')).toBe('')
    // The overflow check finds text that spills out of its box (a label too long for a fixed width).
    await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { createElement(t: string): { textContent: string; setAttribute(n: string, v: string): void }; body: { append(e: unknown): void } } }).document
      const label = doc.createElement('div')
      label.setAttribute('style', 'width: 60px; white-space: nowrap')
      label.textContent = 'A label much longer than its box'
      doc.body.append(label)
    })
    expect(await overflowingText(page)).toEqual([expect.stringMatching(/^<div class=""> "A label much longer than its box": \d+ px of text in 60 px \(overflow visible\)$/)])
    // The tree's rows say where they are among their siblings (computed from the row model, not the DOM).
    const position = async (path: string): Promise<string> => {
      const row = treeRow(page, path)
      return `${await row.getAttribute('aria-posinset')} of ${await row.getAttribute('aria-setsize')}`
    }
    expect(await Promise.all(['plant', '$SYS', 'plant/line1', 'plant/line1/state', 'plant/line1/temp'].map(position))).toEqual(['1 of 2', '2 of 2', '1 of 1', '1 of 2', '2 of 2'])
  })

  test('every text colour of the palette keeps 4.5:1 on every background, in both themes, shown or not', async ({ app }) => {
    await app.open()
    const problems: string[] = []
    const check = (colours: Record<string, string>, theme: string, fg: string, bg: string): void => {
      const ratio = contrastRatio(colours[fg] ?? '', colours[bg] ?? '')
      if (ratio < 4.5) problems.push(`${theme}: ${fg} on ${bg} is ${ratio.toFixed(2)}:1`)
    }
    for (const colorScheme of THEMES) {
      await app.page.emulateMedia({ colorScheme })
      const colours = await palette(app.page, [...TEXT_COLOURS, ...BACKGROUNDS, '--accent-fg', '--accent-hover'])
      for (const fg of TEXT_COLOURS) for (const bg of BACKGROUNDS) check(colours, colorScheme, fg, bg)
      for (const bg of ['--accent', '--accent-hover']) check(colours, colorScheme, '--accent-fg', bg)
    }
    expect(problems).toEqual([])
  })
})
