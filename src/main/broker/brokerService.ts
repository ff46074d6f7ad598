import { UserFacingError, type BrokerStart, type BrokerStatus } from '../../shared/contract'
import type { EventSink } from '../ports/eventSink'
import { BuiltInBroker } from './builtInBroker'

const STOPPED: BrokerStatus = {
  running: false,
  host: null,
  localHost: null,
  tcpPort: null,
  wsPort: null,
  requiresLogin: false,
  addresses: [],
  clients: [],
  messagesPerSecond: 0,
  messagesTotal: 0
}

/** The one built-in broker of the app: started and stopped on request, its status sent once a second. */
export class BrokerService {
  private broker: BuiltInBroker | null = null
  private starting = false
  private timer: NodeJS.Timeout | null = null

  constructor(private readonly emit: EventSink) {}

  async start(options: BrokerStart): Promise<BrokerStatus> {
    if (this.broker !== null || this.starting) {
      throw new UserFacingError('already-exists', 'The built-in broker is already running. Stop it first to change its ports or login.')
    }
    this.starting = true
    try {
      this.broker = await BuiltInBroker.start(options)
    } finally {
      this.starting = false
    }
    this.timer = setInterval(() => this.tick(), 1000)
    this.timer.unref()
    const status = this.broker.status()
    this.emit('broker:status', status)
    return status
  }

  private tick(): void {
    if (this.broker === null) return
    this.broker.sample()
    this.emit('broker:status', this.broker.status())
  }

  async stop(): Promise<BrokerStatus> {
    const broker = this.broker
    if (broker === null) return STOPPED
    this.broker = null
    if (this.timer !== null) clearInterval(this.timer)
    this.timer = null
    await broker.stop()
    this.emit('broker:status', STOPPED)
    return STOPPED
  }

  status(): BrokerStatus {
    return this.broker?.status() ?? STOPPED
  }

  async dispose(): Promise<void> {
    await this.stop()
  }
}
