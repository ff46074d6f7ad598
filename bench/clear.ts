// (e) Clearing the retained values of a 10,000-topic subtree: retain them, let the model see them, then
// time model clearRetained (empty retained publishes at QoS 1, pipelined, acked) until the model has none.
import { connectionOptionsSchema } from '../src/shared/contract'
import { ConnectionManager } from '../src/main/mqtt/connectionManager'
import { ModelService } from '../src/main/model'
import { childConfig, finishWith } from './lib/child'
import { benchTopic } from './lib/messages'

export interface ClearConfig {
  port: number
  topics: number
}

export interface ClearResult {
  topics: number
  cleared: number
  seconds: number
  goneFromModel: boolean
}

async function until(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('The retained topics did not all reach the model in time.')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

async function main(): Promise<void> {
  const config = childConfig<ClearConfig>()
  const prefix = `bench/clear/${process.pid}`
  const connections = new ConnectionManager()
  const model = new ModelService({
    emitClearProgress: () => undefined,
    publish: (connectionId, message) => connections.publish(connectionId, message)
  })
  connections.onMessage((connectionId, message) => model.ingest(connectionId, message))
  const options = connectionOptionsSchema.parse({ protocol: 'mqtt', host: '127.0.0.1', port: config.port, reconnectPeriodMs: 0 })
  await connections.connect('pub', options)
  await connections.connect('sub', options)
  const topics = Array.from({ length: config.topics }, (_, i) => benchTopic(prefix, i, config.topics))
  await Promise.all(topics.map((topic, i) => connections.publish('pub', { topic, payload: Buffer.from(`{"v":${i}}`), qos: 1, retain: true })))
  await connections.subscribe('sub', [{ filter: `${prefix}/#`, qos: 1 }])
  await until(() => model.model('sub').tree.find(prefix)?.topicCount === config.topics, 30_000)

  const started = performance.now()
  const progress = await model.clearRetained('sub', 'bench-clear', prefix, true)
  const goneFromModel = model.model('sub').tree.find(prefix) === undefined
  const seconds = (performance.now() - started) / 1000
  model.dispose()
  await connections.dispose()
  const result: ClearResult = { topics: progress.total, cleared: progress.cleared, seconds, goneFromModel }
  finishWith(result)
}

void main()
