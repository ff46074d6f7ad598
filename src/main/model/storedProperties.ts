import type { MessageProperties } from '../../shared/contract'
import { copyBytes } from './bytes'

/** Estimated bytes of the properties object itself and of one user property pair, besides their text. */
const OBJECT_COST = 96
const PAIR_COST = 64

/**
 * The properties as the log keeps them: correlation data is copied, because mqtt.js hands it over as a view
 * into the socket chunk it arrived in, and keeping the view would keep the whole chunk alive.
 */
export function keptProperties(properties: MessageProperties): MessageProperties {
  const data = properties.correlationData
  return data === undefined ? properties : { ...properties, correlationData: copyBytes(data, data.length) }
}

/** Bytes counted against the budget for kept properties (strings at two bytes a character). */
export function propertiesCost(properties: MessageProperties): number {
  let bytes = OBJECT_COST + (properties.correlationData?.length ?? 0) + 8 * (properties.subscriptionIdentifiers?.length ?? 0)
  bytes += 2 * ((properties.contentType?.length ?? 0) + (properties.responseTopic?.length ?? 0))
  for (const [key, value] of properties.userProperties ?? []) bytes += PAIR_COST + 2 * (key.length + value.length)
  return bytes
}
