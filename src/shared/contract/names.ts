import type { EventName, RequestName } from './index'

// The contract's names alone, without its schemas: the preload builds its bridge from these, so its
// bundle carries no zod. Kept by hand; names.test.ts fails when a request or event is missing here.

/** Every request's name, `domain:action`, as in `requests`. */
export const REQUEST_NAMES = [
  'app:capabilities',
  'app:pickFile',
  'connection:disconnect',
  'connection:subscribe',
  'connection:unsubscribe',
  'connection:publish',
  'connection:list',
  'model:ack',
  'model:cancelClearRetained',
  'model:cancelSearch',
  'model:clear',
  'model:clearRetained',
  'model:history',
  'model:message',
  'model:openStream',
  'model:resync',
  'model:search',
  'model:series',
  'model:watchSeries',
  'model:unwatchSeries',
  'model:sparkplug',
  'model:topTalkers',
  'profile:list',
  'profile:save',
  'profile:duplicate',
  'profile:delete',
  'profile:reorder',
  'profile:setSubscriptions',
  'profile:setCharts',
  'profile:setSequences',
  'profile:connect',
  'profile:export',
  'profile:import',
  'profile:publishHistory',
  'profile:addPublishHistory',
  'profile:clearPublishHistory',
  'profile:templates',
  'profile:saveTemplate',
  'profile:deleteTemplate',
  'profile:notices',
  'profile:findPeerData',
  'profile:previewPeerImport',
  'profile:importPeerProfiles',
  'recording:start',
  'recording:stop',
  'recording:list',
  'recording:delete',
  'recording:replay',
  'recording:replayControl',
  'simulation:start',
  'simulation:stop',
  'sequence:run',
  'sequence:stop',
  'request:send',
  'request:history',
  'request:clearHistory',
  'recording:export',
  'recording:import',
  'recording:browse',
  'recording:seek',
  'recording:closeBrowse',
  'broker:start',
  'broker:stop',
  'broker:status'
] as const satisfies readonly RequestName[]

/** Every event's name, `domain:name`, as in `events`. */
export const EVENT_NAMES = ['connection:status', 'model:delta', 'model:clearProgress', 'model:searchProgress', 'profile:changed', 'profile:notice', 'recording:status', 'recording:replayStatus', 'simulation:status', 'sequence:status', 'broker:status', 'app:menu'] as const satisfies readonly EventName[]

/** Requests of the contract that REQUEST_NAMES leaves out; `never` when the list is complete. */
export type UnlistedRequestName = Exclude<RequestName, (typeof REQUEST_NAMES)[number]>
/** Events of the contract that EVENT_NAMES leaves out; `never` when the list is complete. */
export type UnlistedEventName = Exclude<EventName, (typeof EVENT_NAMES)[number]>
