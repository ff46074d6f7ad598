import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { describe, expect } from 'vitest'
import { test } from './support/fixtures'
import { brokerWithPublisher } from './support/mqttPeer'
import type { PageGlobals } from './support/pageGlobals'
import { createProfile, selectTopic, waitForConnectionState } from './support/ui'

/** A legend row's cells as text: series, last, min, max, mean, points, gaps. */
async function legendRow(page: Page, chart: string, series: string): Promise<string[]> {
  const row = page.getByRole('table', { name: `Legend of ${chart}` }).getByRole('row').filter({ hasText: series })
  const cells = await row.locator('th, td').allInnerTexts()
  return cells.slice(0, 7).map((cell) => cell.trim())
}

/** How many pixels of the chart's canvas have a series' colour: the plot drew that series. */
function pixelsOf(page: Page, chart: string, rgb: [number, number, number]): Promise<number> {
  return page.evaluate(
    ([name, [r, g, b]]) => {
      const canvas = (globalThis as unknown as PageGlobals).document.querySelector(`section[aria-label="${name}"] canvas`)
      const context = canvas?.getContext('2d')
      if (!canvas || !context) return 0
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height)
      let count = 0
      for (let i = 0; i < data.length; i += 4) if (Math.abs((data[i] as number) - r) < 24 && Math.abs((data[i + 1] as number) - g) < 24 && Math.abs((data[i + 2] as number) - b) < 24 && (data[i + 3] as number) > 200) count++
      return count
    },
    [chart, rgb] as const
  )
}

describe('charts', () => {
  const peers = brokerWithPublisher()

  test('plots a published sequence from the viewer and a JSON field on a second axis, live, exports it, and keeps the chart across a reconnect', async ({ app }) => {
    await app.open()
    await createProfile(app.page, { name: 'Charts', host: '127.0.0.1', port: peers.broker.ports.plain ?? 0 }, { connect: true })
    await waitForConnectionState(app.page, 'Charts', 'Connected')
    // 1 … 20 as number text, and JSON whose level falls from 200 to 10, over two seconds; then one value that is no number (a gap).
    for (let i = 1; i <= 20; i++) {
      await peers.publisher.publishAsync('line1/temp', String(i), { qos: 1 })
      await peers.publisher.publishAsync('line1/state', JSON.stringify({ level: 210 - i * 10, ok: true }), { qos: 1 })
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    await peers.publisher.publishAsync('line1/state', JSON.stringify({ level: 'n/a' }), { qos: 1 })

    await selectTopic(app.page, 'line1/temp')
    await app.page.getByRole('button', { name: 'Plot', exact: true }).click()
    const chart = app.page.getByRole('region', { name: 'Chart 1' })
    await chart.waitFor()
    await expect.poll(() => legendRow(app.page, 'Chart 1', 'line1/temp')).toEqual(['line1/temp', '20', '1', '20', '10.5', '20', '0'])

    await chart.getByLabel('Series topic').fill('line1/state')
    await chart.getByLabel('Series field').fill('level')
    await chart.getByLabel('Series axis').selectOption('right')
    await chart.getByRole('button', { name: 'Add series' }).click()
    await expect.poll(() => legendRow(app.page, 'Chart 1', 'line1/state › level')).toEqual(['line1/state › level (right axis)', '10', '10', '200', '105', '21', '1'])
    // A path that cannot be read is refused with a sentence.
    await chart.getByLabel('Series field').fill('level[')
    await chart.getByRole('button', { name: 'Add series' }).click()
    await chart.getByRole('alert').filter({ hasText: /field path/i }).waitFor()

    // Live: new messages extend the series.
    await peers.publisher.publishAsync('line1/temp', '21.5', { qos: 1 })
    await expect.poll(() => legendRow(app.page, 'Chart 1', 'line1/temp')).toEqual(['line1/temp', '21.5', '1', '21.5', '11.0238', '21', '0'])
    await chart.getByRole('button', { name: 'Data' }).click()
    const data = app.page.getByRole('table', { name: 'Data of Chart 1' })
    await expect.poll(async () => (await data.getByRole('row').filter({ hasText: 'line1/temp' }).last().innerText()).replace(/\s+/g, ' ')).toMatch(/^line1\/temp \d\d:\d\d:\d\d\.\d{3} 21\.5$/)

    // Both series are drawn across the time they span: the canvas holds many pixels of each series' colour.
    await chart.getByLabel('Time window').selectOption('all')
    await expect.poll(() => pixelsOf(app.page, 'Chart 1', [0x2f, 0x7e, 0xd8])).toBeGreaterThan(20)
    await expect.poll(() => pixelsOf(app.page, 'Chart 1', [0xe4, 0x57, 0x2e])).toBeGreaterThan(20)

    const [csvDownload] = await Promise.all([app.page.waitForEvent('download'), chart.getByRole('button', { name: 'Export CSV' }).click()])
    const csv = (await readFile(await csvDownload.path(), 'utf8')).trim().split('\r\n')
    expect(csv[0]).toBe('received_at,epoch_ms,topic,field,value')
    expect(csv.filter((line) => line.includes(',line1/temp,,')).map((line) => line.split(',').at(-1))).toEqual([...Array.from({ length: 20 }, (_, i) => String(i + 1)), '21.5'])
    expect(csv.filter((line) => line.includes(',line1/state,level,')).at(-1)).toMatch(/,line1\/state,level,$/)
    const [pngDownload] = await Promise.all([app.page.waitForEvent('download'), chart.getByRole('button', { name: 'Export PNG' }).click()])
    const png = await readFile(await pngDownload.path())
    expect(png.subarray(1, 4).toString()).toBe('PNG')

    // Disconnect and connect again: the chart comes back from the profile with both series and follows new messages.
    await app.page.getByRole('button', { name: 'Disconnect' }).click()
    await app.page.getByRole('button', { name: 'Connect', exact: true }).click()
    await waitForConnectionState(app.page, 'Charts', 'Connected')
    await peers.publisher.publishAsync('line1/temp', '30', { qos: 1 })
    await app.page.getByRole('tab', { name: 'Charts', exact: true }).click()
    await expect.poll(() => legendRow(app.page, 'Chart 1', 'line1/temp')).toEqual(['line1/temp', '30', '1', '30', '11.8864', '22', '0'])
    await expect.poll(async () => (await legendRow(app.page, 'Chart 1', 'line1/state › level'))[0]).toBe('line1/state › level (right axis)')
    // And after a reload of the page, from main's copy of the profile.
    await app.page.reload()
    await app.page.getByRole('tab', { name: 'Charts (Connected)' }).click()
    await app.page.getByRole('tab', { name: 'Charts', exact: true }).click()
    await expect.poll(() => legendRow(app.page, 'Chart 1', 'line1/state › level')).toEqual(['line1/state › level (right axis)', '10', '10', '200', '105', '21', '1'])
    await expect.poll(() => legendRow(app.page, 'Chart 1', 'line1/temp')).toEqual(['line1/temp', '30', '1', '30', '11.8864', '22', '0'])

    // A burst far faster than frames: every message is a point (main's watch sends each one, not the latest per frame).
    await Promise.all(Array.from({ length: 300 }, (_, i) => peers.publisher.publishAsync('line1/temp', String(100 + i), { qos: 0 })))
    await expect.poll(async () => (await legendRow(app.page, 'Chart 1', 'line1/temp')).filter((_, i) => [1, 3, 5].includes(i))).toEqual(['399', '399', '322'])
    // Paused: nothing new arrives; resumed: what came meanwhile, none skipped.
    const chartAgain = app.page.getByRole('region', { name: 'Chart 1' })
    await chartAgain.getByRole('button', { name: 'Pause' }).click()
    for (let i = 0; i < 5; i++) await peers.publisher.publishAsync('line1/temp', String(500 + i), { qos: 1 })
    await app.page.waitForTimeout(300)
    expect((await legendRow(app.page, 'Chart 1', 'line1/temp'))[5]).toBe('322')
    await chartAgain.getByRole('button', { name: 'Resume' }).click()
    await expect.poll(async () => (await legendRow(app.page, 'Chart 1', 'line1/temp')).filter((_, i) => [1, 5].includes(i))).toEqual(['504', '327'])
  })
})
