import type { ClientSubscribeCallback, IClientSubscribeOptions, MqttClient } from 'mqtt'
import { UserFacingError, type ProtocolVersion, type QoS, type Subscription, type SubscriptionResult } from '../../shared/contract'
import { subscriptionRefusedError } from './errorMessages'
import { isFailureCode } from './reasonCodes'

type SubackPacket = NonNullable<Parameters<ClientSubscribeCallback>[2]>

function subscribeOptions(subscription: Subscription, version: ProtocolVersion): IClientSubscribeOptions {
  if (version !== 5) return { qos: subscription.qos }
  return {
    qos: subscription.qos,
    nl: subscription.noLocal ?? false,
    rap: subscription.retainAsPublished ?? false,
    rh: subscription.retainHandling ?? 0
  }
}

function toResult(filter: string, code: number, version: ProtocolVersion): SubscriptionResult {
  if (isFailureCode(code)) return { filter, grantedQos: null, reasonCode: code, error: subscriptionRefusedError(filter, code, version) }
  return { filter, grantedQos: code as QoS, reasonCode: code }
}

/**
 * Sends one SUBSCRIBE for filters that share the same options. The array form of mqtt.js's subscribe
 * is used on purpose: its object form treats a filter named "resubscribe" as a flag and reorders
 * integer-like filters. mqtt.js reports any refused filter as an error carrying the SUBACK packet.
 */
function subscribeGroup(client: MqttClient, group: Subscription[], version: ProtocolVersion): Promise<SubscriptionResult[]> {
  const first = group[0] as Subscription
  const filters = group.map((subscription) => subscription.filter)
  return new Promise((resolve, reject) => {
    client.subscribe(filters, subscribeOptions(first, version), (error, _granted, packet?: SubackPacket) => {
      const codes = packet?.granted ?? (error as { packet?: SubackPacket } | null)?.packet?.granted
      if (!codes || codes.length !== filters.length) {
        const detail = error ? error.message : 'no answer for every filter'
        reject(new UserFacingError('not-connected', `The broker did not confirm the subscription (${detail}). Try again once connected.`))
        return
      }
      resolve(filters.map((filter, i) => toResult(filter, codes[i] as number, version)))
    })
  })
}

/** Subscribes to every filter, one SUBSCRIBE per distinct option set; results come back in input order. */
export async function subscribeAll(client: MqttClient, subscriptions: Subscription[], version: ProtocolVersion): Promise<SubscriptionResult[]> {
  const groups = new Map<string, Subscription[]>()
  for (const subscription of subscriptions) {
    const options = subscribeOptions(subscription, version)
    const key = `${options.qos}|${options.nl}|${options.rap}|${options.rh}`
    const group = groups.get(key)
    if (group) group.push(subscription)
    else groups.set(key, [subscription])
  }
  const answered = await Promise.all([...groups.values()].map((group) => subscribeGroup(client, group, version)))
  const byFilter = new Map<string, SubscriptionResult>()
  for (const results of answered) for (const result of results) byFilter.set(result.filter, result)
  return subscriptions.map((subscription) => byFilter.get(subscription.filter) as SubscriptionResult)
}
