import { describe, expect } from 'vitest'
import { test } from './support/fixtures'
import { brokerWithPublisher } from './support/mqttPeer'
import { createProfile, treeRow, waitForConnectionState } from './support/ui'

describe('top talkers in the Broker tab', () => {
  const peers = brokerWithPublisher()

  test('ranks the busiest topics and subtrees live, by messages or bytes, and a click selects the topic in the tree', async ({ app }) => {
    await app.open()
    await createProfile(app.page, { name: 'Talkers', host: '127.0.0.1', port: peers.broker.ports.plain ?? 0 }, { connect: true })
    await waitForConnectionState(app.page, 'Talkers', 'Connected')
    await app.page.getByRole('tab', { name: 'Broker' }).click()
    const talkers = app.page.getByRole('group', { name: 'Top talkers' })
    await talkers.waitFor()

    // 50 msg/s of small readings on one topic, 5 msg/s of 20 KB pictures on another, for a few seconds.
    const stop = new AbortController()
    const sending = (async () => {
      for (let tick = 0; !stop.signal.aborted; tick++) {
        const sends = Array.from({ length: 5 }, (_, i) => peers.publisher.publishAsync('site/line/chatty', `${tick * 5 + i}`))
        if (tick % 2 === 0) sends.push(peers.publisher.publishAsync('site/cam/picture', Buffer.alloc(20_000, 1)))
        await Promise.all(sends)
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    })()
    try {
      const topics = talkers.getByRole('table', { name: 'Topics' })
      const firstTopic = (): Promise<string> => topics.locator('tbody tr').first().locator('th').innerText()
      await expect.poll(firstTopic, { timeout: 15_000 }).toBe('site/line/chatty')
      await expect.poll(() => topics.locator('tbody tr').count()).toBe(2)
      const subtrees = talkers.getByRole('table', { name: 'Subtrees' })
      await expect.poll(() => subtrees.locator('tbody tr').first().locator('th').innerText()).toMatch(/^site \(2 topics\)$/)
      await expect.poll(() => app.page.getByRole('img', { name: /^Messages per second over the last \d+ seconds/ }).count()).toBe(1)

      await topics.getByRole('button', { name: 'Bytes' }).click()
      await expect.poll(firstTopic, { timeout: 5_000 }).toBe('site/cam/picture')
      await topics.getByRole('button', { name: 'site/cam/picture' }).click()
      await app.page.locator('[aria-selected="true"][role="treeitem"]').and(treeRow(app.page, 'site/cam/picture')).waitFor()
    } finally {
      stop.abort()
      await sending
    }
  })
})
