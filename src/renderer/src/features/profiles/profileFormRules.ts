import { z } from 'zod'
import { lastWillSchema, profileConnectionOptionsSchema, profileTlsOptionsSchema, proxyOptionsSchema, type BrokerProtocol } from '@shared/contract'

// What the profile form starts with and the ranges it names, read from the contract's schemas so the
// form and main cannot disagree.

export const DEFAULT_PORTS: Record<BrokerProtocol, number> = { mqtt: 1883, mqtts: 8883, ws: 8080, wss: 8081 }

/** A new profile's connection settings: the schema's defaults, for a broker on this machine. */
export const NEW_PROFILE_OPTIONS = profileConnectionOptionsSchema.parse({ protocol: 'mqtt', host: 'localhost', port: DEFAULT_PORTS.mqtt })
/** TLS settings before the user sets any: the schema's defaults. */
export const NEW_TLS_OPTIONS = profileTlsOptionsSchema.parse({})
/** A new last will's QoS and retain flag: the schema's defaults. */
export const NEW_WILL = { qos: lastWillSchema.shape.qos.parse(undefined), retain: lastWillSchema.shape.retain.parse(undefined) }

/** The lowest and highest whole number a numeric field's schema allows (under its default or optional wrapper). */
function bounds(schema: z.ZodType): [number, number] {
  const inner = schema instanceof z.ZodDefault || schema instanceof z.ZodOptional ? schema.unwrap() : schema
  if (!(inner instanceof z.ZodNumber) || inner.minValue === null || inner.maxValue === null) throw new Error('Not a bounded number schema.')
  return [inner.minValue, inner.maxValue]
}

const between = (schema: z.ZodType): string => bounds(schema).join(' and ')
const options = profileConnectionOptionsSchema.shape
const [expiryMin, expiryMax] = bounds(options.sessionExpiryInterval)

/** The form's sentence for a number field the schema refuses, by the contract's path (zod's own words are technical). */
export const NUMBER_WORDS: Record<string, string> = {
  'options.port': `The port must be a whole number between ${between(options.port)}.`,
  'options.keepaliveSeconds': `Keep-alive must be a whole number of seconds between ${between(options.keepaliveSeconds)}.`,
  'options.sessionExpiryInterval': `Session expiry must be a whole number of seconds (${expiryMin} to ${expiryMax}), or empty.`,
  'options.connectTimeoutMs': `The connect timeout must be a whole number of milliseconds between ${between(options.connectTimeoutMs)}.`,
  'options.reconnectPeriodMs': `The reconnect period must be a whole number of milliseconds between ${between(options.reconnectPeriodMs)} (0 turns it off).`,
  'options.will.properties.willDelayInterval': 'The will delay must be a whole number of seconds, or empty.',
  'options.proxy.port': `The proxy port must be a whole number between ${between(proxyOptionsSchema.shape.port)}.`
}
