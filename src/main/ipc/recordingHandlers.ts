import { UserFacingError } from '../../shared/contract'
import type { RecordingBrowser } from '../recording/recordingBrowser'
import type { RecordingService } from '../recording/recordingService'
import type { ReplayService } from '../recording/replayService'
import type { Handler } from './handlerTable'

/** The recording:* requests, mapped onto the recording service. */
export type RecordingHandlers = {
  'recording:start': Handler<'recording:start'>
  'recording:stop': Handler<'recording:stop'>
  'recording:list': Handler<'recording:list'>
  'recording:delete': Handler<'recording:delete'>
  'recording:replay': Handler<'recording:replay'>
  'recording:replayControl': Handler<'recording:replayControl'>
  'recording:export': Handler<'recording:export'>
  'recording:import': Handler<'recording:import'>
  'recording:browse': Handler<'recording:browse'>
  'recording:seek': Handler<'recording:seek'>
  'recording:closeBrowse': Handler<'recording:closeBrowse'>
}

export function recordingHandlers(service: RecordingService, replays: ReplayService, browser: RecordingBrowser): RecordingHandlers {
  return {
    'recording:start': (request) => service.start(request),
    'recording:stop': ({ connectionId }) => service.stop(connectionId),
    'recording:list': () => ({ recordings: service.list() }),
    'recording:delete': ({ recordingId }) => {
      if (browser.isOpen(recordingId)) throw new UserFacingError('invalid-argument', 'This recording is open in a tab. Close that tab first, then delete it.')
      return { deleted: service.delete(recordingId) }
    },
    'recording:replay': (request) => replays.start(request),
    'recording:replayControl': ({ replayId, action }) => replays.control(replayId, action),
    'recording:export': ({ recordingId, format }) => service.exportFile(recordingId, format),
    'recording:import': ({ bytes, name }) => service.importFile(bytes, name),
    'recording:browse': ({ connectionId, recordingId, at }) => browser.browse(connectionId, recordingId, at),
    'recording:seek': ({ connectionId, at }) => browser.seek(connectionId, at),
    'recording:closeBrowse': ({ connectionId }) => ({ closed: browser.close(connectionId) })
  }
}
