import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { AxeResults, ElementContext, RunOptions } from 'axe-core'
import type { Page } from 'playwright-core'

/** The WCAG levels the app promises: A and AA of WCAG 2.0, 2.1 and 2.2. */
const WCAG_AA: RunOptions = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] }

/** One violation as the helper reports it. */
export interface AxeViolation {
  rule: string
  impact: string
  help: string
  /** Where: one selector list per element, with axe's summary of what is wrong there. */
  nodes: { target: string; summary: string }[]
}

let source: Promise<string> | undefined

function axeSource(): Promise<string> {
  source ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
  return source
}

/**
 * Runs axe-core on the page. The app's CSP (script-src 'self') refuses an added <script>, and it stays as it is:
 * the source is evaluated through the DevTools protocol instead, which a page's CSP does not govern.
 */
export async function axeViolations(page: Page, context: ElementContext = { exclude: [] }): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in globalThis)
  if (!loaded) await page.evaluate(await axeSource())
  const results = await page.evaluate(
    async ([ctx, options]) => (globalThis as unknown as { axe: { run(c: unknown, o: unknown): Promise<AxeResults> } }).axe.run(ctx, options),
    [context, WCAG_AA] as const
  )
  return results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact ?? 'unknown',
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' >> '), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim() }))
  }))
}

/** The violations as lines a person can act on: rule, impact, what to do, then each element and why. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => [`${v.rule} (${v.impact}): ${v.help}`, ...v.nodes.map((n) => `  - ${n.target}: ${n.summary}`)].join('\n'))
    .join('\n')
}

/** Fails with the readable list when axe finds any WCAG 2.2 AA violation on `screen` (a name for the message). */
export async function assertAccessible(page: Page, screen: string, context?: ElementContext): Promise<void> {
  const violations = await axeViolations(page, context)
  if (violations.length > 0) throw new Error(`axe found ${violations.length} WCAG 2.2 AA violation(s) on ${screen}:\n${describeViolations(violations)}`)
}
