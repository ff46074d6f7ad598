/** MQTT 5 reason codes (§2.4) in words, as they finish a sentence: "refused: not authorized (0x87)". */
const V5_REASONS: Readonly<Record<number, string>> = {
  0x00: 'success',
  0x01: 'granted QoS 1',
  0x02: 'granted QoS 2',
  0x04: 'disconnected with the last will',
  0x10: 'no matching subscribers',
  0x11: 'no subscription existed',
  0x80: 'unspecified error',
  0x81: 'malformed packet',
  0x82: 'protocol error',
  0x83: 'implementation-specific error',
  0x84: 'unsupported protocol version',
  0x85: 'client identifier not valid',
  0x86: 'bad user name or password',
  0x87: 'not authorized',
  0x88: 'server unavailable',
  0x89: 'server busy',
  0x8a: 'banned',
  0x8b: 'server shutting down',
  0x8c: 'bad authentication method',
  0x8d: 'keep alive timeout',
  0x8e: 'session taken over',
  0x8f: 'topic filter invalid',
  0x90: 'topic name invalid',
  0x91: 'packet identifier in use',
  0x92: 'packet identifier not found',
  0x93: 'receive maximum exceeded',
  0x94: 'topic alias invalid',
  0x95: 'packet too large',
  0x96: 'message rate too high',
  0x97: 'quota exceeded',
  0x98: 'administrative action',
  0x99: 'payload format invalid',
  0x9a: 'retain not supported',
  0x9b: 'QoS not supported',
  0x9c: 'use another server',
  0x9d: 'server moved',
  0x9e: 'shared subscriptions not supported',
  0x9f: 'connection rate exceeded',
  0xa0: 'maximum connect time',
  0xa1: 'subscription identifiers not supported',
  0xa2: 'wildcard subscriptions not supported'
}

/** MQTT 3.1 / 3.1.1 CONNACK return codes (§3.2.2.3). */
const V3_CONNACK_REASONS: Readonly<Record<number, string>> = {
  0: 'accepted',
  1: 'unacceptable protocol version',
  2: 'identifier rejected',
  3: 'server unavailable',
  4: 'bad user name or password',
  5: 'not authorized'
}

/** `0x87`: how reason codes are written in the MQTT specification and broker logs. */
export function hexCode(code: number): string {
  return `0x${code.toString(16).padStart(2, '0').toUpperCase()}`
}

/** The reason in words with its code, e.g. "not authorized (0x87)"; unknown codes still show the number. */
export function describeReasonCode(code: number): string {
  const words = V5_REASONS[code] ?? 'unknown reason'
  return `${words} (${hexCode(code)})`
}

/** A 3.1/3.1.1 CONNACK return code in words with its number, e.g. "not authorized (return code 5)". */
export function describeV3ConnackCode(code: number): string {
  return `${V3_CONNACK_REASONS[code] ?? 'unknown reason'} (return code ${code})`
}

/** Whether a v5 reason code (or the 3.1.1 SUBACK failure 0x80) means refusal. */
export function isFailureCode(code: number): boolean {
  return code >= 0x80
}
