// (n) The retained flood (issue 17): the broker holds `topics` retained topics, published first as raw packets;
// a subscriber to all of them gets every one in one burst on subscribe, as an explorer opening a big plant's
// broker does. A bare mqtt.js client against our engine with the model and a page's delta stream, taking turns;
// each measured from the first arrival to the last one in (the model, for ours).
import type { BenchBroker } from './lib/benchBroker'
import { runChild } from './lib/child'
import { medianRun } from './lib/medianRun'
import type { PublisherConfig } from './publisher'
import type { SubscriberConfig, SubscriberResult } from './subscriber'

export interface RetainedFloodRow {
  topics: number
  bare: SubscriberResult
  pipeline: SubscriberResult
  /** Our time ÷ bare mqtt.js's (medians of the rounds): the target is ≤ 1.2. */
  timeRatio: number
  rounds: Array<{ bareSeconds: number; pipelineSeconds: number }>
}

/** Publishes `topics` retained messages under `prefix` and waits until a bare subscriber gets them all back. */
async function fillBroker(broker: BenchBroker, prefix: string, topics: number): Promise<void> {
  const publisher: PublisherConfig = { port: broker.tcpPort, prefix, messages: topics, topics, qos: 0, retain: true }
  await runChild('publisher', publisher, 120_000 + topics / 5)
}

function subscribeAll(broker: BenchBroker, mode: SubscriberConfig['mode'], prefix: string, topics: number): Promise<SubscriberResult> {
  const config: SubscriberConfig = { mode, transport: 'tcp', port: broker.tcpPort, wsPath: broker.wsPath, filter: `${prefix}/#`, qos: 0, messages: topics, idleMs: 5_000 }
  return runChild<SubscriberResult>('subscriber', config, 120_000 + topics / 5)
}

export async function retainedFlood(broker: BenchBroker, topics: number, rounds: number): Promise<RetainedFloodRow> {
  const prefix = `retained/${process.pid}`
  await fillBroker(broker, prefix, topics)
  const bare: SubscriberResult[] = []
  const pipeline: SubscriberResult[] = []
  for (let round = 0; round < rounds; round++) {
    bare.push(await subscribeAll(broker, 'bare', prefix, topics))
    pipeline.push(await subscribeAll(broker, 'pipeline', prefix, topics))
  }
  const bareMedian = medianRun(bare)
  const pipelineMedian = medianRun(pipeline)
  return {
    topics,
    bare: bareMedian,
    pipeline: pipelineMedian,
    timeRatio: pipelineMedian.seconds / bareMedian.seconds,
    rounds: bare.map((run, i) => ({ bareSeconds: run.seconds, pipelineSeconds: (pipeline[i] as SubscriberResult).seconds }))
  }
}
