// Host application STATE: Sparkplug 3.0 publishes JSON {"online":true,"timestamp":…} on spBv1.0/STATE/<host>;
// 2.x hosts published plain text ONLINE/OFFLINE on STATE/<host>.
import type { SparkplugStateMessage } from './types'

const utf8 = new TextDecoder('utf-8', { fatal: false })

/** Reads a STATE payload, or says in a sentence what is wrong with it. */
export function readStateMessage(hostId: string, legacyTopic: boolean, bytes: Uint8Array): SparkplugStateMessage | string {
  const text = utf8.decode(bytes).trim()
  if (text === 'ONLINE' || text === 'OFFLINE') return { type: 'STATE', hostId, online: text === 'ONLINE', legacy: true }
  if (legacyTopic) return `This STATE/${hostId} message is neither ONLINE nor OFFLINE, the plain text Sparkplug 2.x hosts send.`
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return 'This Sparkplug STATE message is not JSON: Sparkplug 3.0 hosts send {"online":true|false,"timestamp":<ms>}.'
  }
  const record = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {}
  if (typeof record.online !== 'boolean') {
    return 'This Sparkplug STATE message has no boolean "online": Sparkplug 3.0 hosts send {"online":true|false,"timestamp":<ms>}.'
  }
  const message: SparkplugStateMessage = { type: 'STATE', hostId, online: record.online, legacy: false }
  if (typeof record.timestamp === 'number') message.timestamp = record.timestamp
  return message
}
