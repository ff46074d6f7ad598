import { startAedes } from './aedes'
import { testCertificates } from './certificates'
import { findMosquitto, startMosquitto } from './mosquitto'
import { allListeners, type BrokerLimits, type ListenerName, type TestBroker } from './types'

export type { BrokerLimits, ListenerName, TestBroker } from './types'
export { allListeners } from './types'

let announced = false

function announceAedes(forced: boolean): void {
  if (announced) return
  announced = true
  console.warn(forced
    ? 'MQTT_TEST_BROKER=aedes: using the in-process aedes broker instead of Mosquitto.'
    : 'Mosquitto was not found (PATH, /usr/sbin): using the in-process aedes broker instead.')
}

/**
 * Starts Mosquitto (or aedes when missing, saying so in one line) with the listeners asked for (default: all).
 * Set MQTT_TEST_BROKER=aedes to force the in-process aedes broker even when Mosquitto is installed.
 * `limits` and the 'maxQos1' listener are Mosquitto's: aedes ignores them (tests of them skip on aedes).
 */
export async function startTestBroker(options: { listeners?: ListenerName[]; limits?: BrokerLimits } = {}): Promise<TestBroker> {
  const listeners = [...new Set(options.listeners ?? allListeners)]
  const certs = await testCertificates()
  const forced = process.env.MQTT_TEST_BROKER === 'aedes'
  const binary = forced ? undefined : findMosquitto()
  if (binary) return startMosquitto(binary, listeners, certs, options.limits)
  announceAedes(forced)
  return startAedes(listeners, certs)
}
