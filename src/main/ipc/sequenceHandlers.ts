import type { sequenceRequests } from '../../shared/contract'
import type { SequenceService } from '../sequences/sequenceService'
import type { HandlerTable } from './handlerTable'

/** The sequence:* part of the table: runs of message sequences on open connections. */
export function sequenceHandlers(sequences: SequenceService): Pick<HandlerTable, keyof typeof sequenceRequests> {
  return {
    'sequence:run': (request) => sequences.run(request),
    'sequence:stop': ({ runId }) => sequences.stop(runId)
  }
}
