import type { Locator, Page } from 'playwright-core'

/** What the e2e tests type into the profile form; left-out fields keep the form's defaults. */
export interface ProfileFields {
  name: string
  protocol?: 'mqtt' | 'mqtts' | 'ws' | 'wss'
  host: string
  port: number
  path?: string
  protocolVersion?: 3 | 4 | 5
  username?: string
  password?: string
  caFile?: string
  servername?: string
  keyLogFile?: string
  reconnectPeriodMs?: number
  proxy?: { kind: 'http' | 'socks5'; host: string; port: number; username?: string; password?: string }
}

/** The profile form (new or editing `name`). */
export function profileForm(page: Page, name?: string): Locator {
  return page.getByRole('form', { name: name ? `Edit profile ${name}` : 'New profile' })
}

/** Fills in the open profile form; fields not given keep their values. */
export async function fillProfile(form: Locator, fields: ProfileFields): Promise<void> {
  await form.getByLabel('Profile name').fill(fields.name)
  if (fields.protocol) await form.getByLabel('Protocol').selectOption(fields.protocol)
  await form.getByLabel('Host').fill(fields.host)
  await form.getByLabel('Port').fill(String(fields.port))
  if (fields.path !== undefined) await form.getByLabel('WebSocket path').fill(fields.path)
  if (fields.protocolVersion !== undefined) await form.getByLabel('MQTT version').selectOption(String(fields.protocolVersion))
  if (fields.username !== undefined) await form.getByLabel('User name').fill(fields.username)
  if (fields.password !== undefined) await form.getByLabel('Password', { exact: true }).fill(fields.password)
  if (fields.caFile !== undefined) await form.getByLabel('CA certificate files').fill(fields.caFile)
  if (fields.servername !== undefined) await form.getByLabel('Server name (SNI)').fill(fields.servername)
  if (fields.keyLogFile !== undefined) await form.getByLabel(/^TLS key log file/).fill(fields.keyLogFile)
  if (fields.reconnectPeriodMs !== undefined) await form.getByLabel('Reconnect period (ms)').fill(String(fields.reconnectPeriodMs))
  if (fields.proxy !== undefined) await fillProxy(form, fields.proxy)
}

/** The folded Network part; its labels start with "Proxy", so they are matched exactly. */
async function fillProxy(form: Locator, proxy: NonNullable<ProfileFields['proxy']>): Promise<void> {
  const part = form.locator('details.profile-network')
  if ((await part.getAttribute('open')) === null) await part.locator('summary').click()
  await form.getByLabel('Proxy kind', { exact: true }).selectOption(proxy.kind)
  await form.getByLabel('Proxy host', { exact: true }).fill(proxy.host)
  await form.getByLabel('Proxy port', { exact: true }).fill(String(proxy.port))
  if (proxy.username !== undefined) await form.getByLabel('Proxy user name', { exact: true }).fill(proxy.username)
  if (proxy.password !== undefined) await form.getByLabel('Proxy password', { exact: true }).fill(proxy.password)
}

/**
 * Creates a profile through the form on the profiles screen. Without `connect` it waits for "Saved"; with it, it
 * presses "Save and connect" and waits for the connection's tab to open (whatever the outcome of connecting).
 */
export async function createProfile(page: Page, fields: ProfileFields, options: { connect?: boolean } = {}): Promise<void> {
  await page.getByRole('tab', { name: 'Profiles' }).click()
  await page.getByRole('button', { name: 'New profile' }).click()
  const form = profileForm(page)
  await fillProfile(form, fields)
  if (options.connect) {
    await form.getByRole('button', { name: 'Save and connect' }).click()
    await connectionTab(page, fields.name).waitFor()
    return
  }
  await form.getByRole('button', { name: 'Save', exact: true }).click()
  await page.getByText(`Saved "${fields.name}".`).waitFor()
}

/** `text` as a regular expression that matches it literally. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The tab of an open connection (its accessible name is "<profile> (<state>)"). */
export function connectionTab(page: Page, profileName: string): Locator {
  return page.getByRole('tab', { name: new RegExp(`^${literal(profileName)} \\(`) })
}

/** Waits until the connection tab of `profileName` reports `state` (e.g. "Connected"). */
export async function waitForConnectionState(page: Page, profileName: string, state: string): Promise<void> {
  await page.getByRole('tab', { name: `${profileName} (${state})` }).waitFor()
}

/**
 * The tree row of a node, found by its depth and level name (test topics keep level names unique per depth). Rows
 * are named by all they show (name, value, counts), so the level name is matched in its own cell.
 */
export function treeRow(page: Page, path: string): Locator {
  const levels = path.split('/')
  const name = levels.at(-1) || '(empty level)'
  return page.locator(`[role="treeitem"][aria-level="${levels.length}"]`).filter({ has: page.locator('.tree-name', { hasText: new RegExp(`^${literal(name)}$`) }) })
}

/** Expands the ancestors of `path` in the topic tree and selects its row. */
export async function selectTopic(page: Page, path: string): Promise<void> {
  const levels = path.split('/')
  for (let depth = 1; depth < levels.length; depth++) {
    const row = treeRow(page, levels.slice(0, depth).join('/'))
    await row.waitFor()
    if ((await row.getAttribute('aria-expanded')) === 'false') await row.dblclick()
  }
  const row = treeRow(page, path)
  await row.click()
  await page.locator('[aria-selected="true"][role="treeitem"]').and(row).waitFor()
}

/** The text shown by a read-only code view (Monaco renders spaces as no-break spaces). */
export async function codeViewText(page: Page, label: string): Promise<string> {
  const editor = page.locator('.monaco-editor').filter({ has: page.locator(`[aria-label="${label}"]`) })
  return (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ')
}

/** Types into a Monaco editor found by its accessible label (replacing what it held). */
export async function typeIntoEditor(page: Page, label: string, text: string): Promise<void> {
  const editor = page.locator('.monaco-editor').filter({ has: page.locator(`[aria-label="${label}"]`) })
  await editor.locator('.view-lines').click()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.type(text)
}

/** Expands one node of the topic tree (its row must be in view) and waits until it reports expanded. */
export async function expandRow(page: Page, path: string): Promise<void> {
  const row = treeRow(page, path)
  await row.waitFor()
  if ((await row.getAttribute('aria-expanded')) === 'false') await row.dblclick()
  await row.and(page.locator('[aria-expanded="true"]')).waitFor()
}

/** The publish composer, opened first when it is folded (the message panel then has the room). */
export async function composerOf(page: Page): Promise<Locator> {
  const form = page.getByRole('form', { name: 'Publish' })
  const open = page.getByRole('button', { name: 'Publish…', exact: true })
  await form.or(open).first().waitFor()
  if (await open.isVisible()) await open.click()
  await form.waitFor()
  return form
}
