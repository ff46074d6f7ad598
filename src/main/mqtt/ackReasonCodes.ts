import type { MqttClient, Packet } from 'mqtt'

/** How the broker acknowledged a publish: PUBACK or PUBREC, and its v5 reason code (0 on 3.1.1). */
export interface Ack {
  cmd: 'puback' | 'pubrec'
  reasonCode: number
}

/**
 * mqtt.js resolves a successful publish without the PUBACK/PUBREC, so its reason code (e.g. 0x10 "no
 * matching subscribers") and its kind (a PUBACK answering QoS 2 is a downgrade) would be lost. This records
 * them by packet id — listening only while such a publish awaits its ack, so the message hot path pays nothing otherwise.
 */
export class AckReasonCodes {
  private readonly acks = new Map<number, Ack>()
  private waiting = 0
  private readonly record = (packet: Packet): void => {
    if ((packet.cmd === 'puback' || packet.cmd === 'pubrec') && packet.messageId !== undefined) {
      this.acks.set(packet.messageId, { cmd: packet.cmd, reasonCode: packet.reasonCode ?? 0 })
    }
  }

  constructor(private readonly client: MqttClient) {}

  /** Call before a QoS 1/2 publish; call the returned function exactly once, when it ends. */
  begin(): (messageId: number | undefined) => Ack | undefined {
    if (this.waiting++ === 0) this.client.on('packetreceive', this.record)
    return (messageId) => {
      const ack = messageId === undefined ? undefined : this.acks.get(messageId)
      if (messageId !== undefined) this.acks.delete(messageId)
      if (--this.waiting === 0) {
        this.client.off('packetreceive', this.record)
        this.acks.clear()
      }
      return ack
    }
  }
}
