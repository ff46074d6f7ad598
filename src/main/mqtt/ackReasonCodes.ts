import type { MqttClient, Packet } from 'mqtt'

/**
 * mqtt.js resolves a successful publish without the PUBACK/PUBREC, so its reason code (e.g. 0x10 "no
 * matching subscribers") would be lost. This records it by packet id — listening only while a QoS 1/2
 * publish awaits its ack, so the message hot path pays nothing otherwise.
 */
export class AckReasonCodes {
  private readonly codes = new Map<number, number>()
  private waiting = 0
  private readonly record = (packet: Packet): void => {
    if ((packet.cmd === 'puback' || packet.cmd === 'pubrec') && packet.messageId !== undefined) {
      this.codes.set(packet.messageId, packet.reasonCode ?? 0)
    }
  }

  constructor(private readonly client: MqttClient) {}

  /** Call before a QoS 1/2 publish; call the returned function exactly once, when mqtt.js calls back. */
  begin(): (messageId: number | undefined) => number {
    if (this.waiting++ === 0) this.client.on('packetreceive', this.record)
    return (messageId) => {
      const code = messageId === undefined ? undefined : this.codes.get(messageId)
      if (messageId !== undefined) this.codes.delete(messageId)
      if (--this.waiting === 0) {
        this.client.off('packetreceive', this.record)
        this.codes.clear()
      }
      return code ?? 0
    }
  }
}
