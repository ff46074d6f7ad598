import { MAX_SAVED_PAYLOAD_BYTES, type PayloadFormat, type PublishDraftInput, type RequestHistoryEntry } from '@shared/contract'
import { convertPayloadText } from '../../lib/payloadView'
import { errorMessage } from '../../lib/errorMessage'
import { connectionService } from '../../services/connection'
import { requestService } from '../../services/request'
import { profileService } from '../../services/profile'
import { composeMessage, composeTemplate, describePublishResult, describeReply, draftFromSaved, emptyComposerDraft, replyTimeoutMs, variablesFor, type ComposerDraft } from './compose'
import type { PublishSend, PublishState } from './initialState'

type Set = (partial: Partial<PublishState>) => void

/** Answers kept in the composer's list besides the messages still waiting. */
const KEPT_ANSWERS = 5
let lastSendId = 0
type Get = () => PublishState

/** Editing, sending and remembering messages from the publish composer. */
export interface PublishActions {
  patchDraft(connectionId: string, patch: Partial<ComposerDraft>): void
  /** Switches the payload format, re-expressing the typed text so the bytes stay the same. */
  setFormat(connectionId: string, format: PayloadFormat): void
  /**
   * Validates and publishes the draft without waiting for earlier sends; on success it is added to the
   * profile's publish history with the QoS the broker acknowledged. `maximumPacketSize` is the broker's limit, if announced.
   */
  send(connectionId: string, profileId: string, mqtt5: boolean, maximumPacketSize?: number): Promise<void>
  loadSaved(profileId: string): Promise<void>
  saveTemplate(connectionId: string, profileId: string, name: string, mqtt5: boolean): Promise<void>
  deleteTemplate(profileId: string, templateId: string): Promise<void>
  clearHistory(profileId: string): Promise<void>
  /** Reads the profile's request history (requests with their replies) from main. */
  loadRequests(profileId: string): Promise<void>
  clearRequests(profileId: string): Promise<void>
  /** Puts a history entry or template into the composer. */
  applySaved(connectionId: string, saved: PublishDraftInput): void
  forget(connectionId: string): void
}

export function createPublishActions(set: Set, get: Get): PublishActions {
  const draftOf = (connectionId: string): ComposerDraft => get().drafts[connectionId] ?? emptyComposerDraft
  const setDraft = (connectionId: string, draft: ComposerDraft): void => set({ drafts: { ...get().drafts, [connectionId]: draft } })
  /** Adds or replaces one send, keeping every one still waiting and the last few answers. */
  const putSend = (connectionId: string, send: PublishSend): void => {
    const others = (get().sends[connectionId] ?? []).filter((s) => s.id !== send.id)
    const list = [send, ...others].sort((a, b) => b.id - a.id)
    let answers = 0
    const kept = list.filter((s) => s.kind === 'sending' || ++answers <= KEPT_ANSWERS)
    set({ sends: { ...get().sends, [connectionId]: kept } })
  }

  const setRequests = (profileId: string, entries: RequestHistoryEntry[]): void => set({ requests: { ...get().requests, [profileId]: entries } })
  /** The request history is a record: failing to read it again must not hide the reply the composer shows. */
  const refreshRequests = (profileId: string): void => {
    requestService.history({ profileId }).then(
      ({ entries }) => setRequests(profileId, entries),
      () => undefined
    )
  }

  return {
    patchDraft(connectionId, patch) {
      setDraft(connectionId, { ...draftOf(connectionId), ...patch })
    },
    setFormat(connectionId, format) {
      const draft = draftOf(connectionId)
      setDraft(connectionId, { ...draft, format, text: convertPayloadText(draft.text, draft.format, format) })
    },
    async send(connectionId, profileId, mqtt5, maximumPacketSize) {
      const draft = draftOf(connectionId)
      const counter = (get().counters[connectionId] ?? 0) + 1
      const { message, problems } = composeMessage(draft, mqtt5, maximumPacketSize, variablesFor(draft, counter))
      const id = ++lastSendId
      if (!message) {
        putSend(connectionId, { id, topic: draft.topic, qos: draft.qos, kind: 'error', text: Object.values(problems)[0] ?? 'The message is not valid.' })
        return
      }
      set({ counters: { ...get().counters, [connectionId]: counter } })
      const sent = { id, topic: message.topic, qos: message.qos }
      putSend(connectionId, { ...sent, kind: 'sending', text: '' })
      let acknowledgedQos = message.qos
      try {
        const { payloadFormat: _format, ...publish } = message
        if (draft.awaitReply && mqtt5) {
          const timeoutMs = replyTimeoutMs(draft.replyTimeout)
          // Main kept the request in the history however it ended: the list is read again either way.
          const reply = await requestService.send({ connectionId, ...publish, ...(typeof timeoutMs === 'number' && { timeoutMs }) }).finally(() => refreshRequests(profileId))
          putSend(connectionId, { ...sent, kind: 'ok', text: describeReply(reply) })
        } else {
          const result = await connectionService.publish({ connectionId, ...publish })
          acknowledgedQos = result.downgradedTo ?? message.qos
          putSend(connectionId, { ...sent, kind: 'ok', text: describePublishResult(message.qos, result, mqtt5) })
        }
      } catch (error) {
        putSend(connectionId, { ...sent, kind: 'error', text: errorMessage(error) })
        return
      }
      // History is a convenience: a failure to save it must not turn a delivered message into an error.
      if (message.payload.byteLength <= MAX_SAVED_PAYLOAD_BYTES) {
        try {
          // The QoS the broker really handled it with, so history does not claim a QoS 2 the broker never did.
          const { entries } = await profileService.addPublishHistory({ profileId, entry: { ...message, qos: acknowledgedQos } })
          set({ history: { ...get().history, [profileId]: entries } })
        } catch {
          // The composer already shows the broker's answer; history stays as it was.
        }
      }
    },
    async loadSaved(profileId) {
      const [{ entries }, { templates }] = await Promise.all([profileService.publishHistory({ profileId }), profileService.templates({ profileId })])
      set({ history: { ...get().history, [profileId]: entries }, templates: { ...get().templates, [profileId]: templates } })
    },
    async saveTemplate(connectionId, profileId, name, mqtt5) {
      const { message, problems } = composeTemplate(draftOf(connectionId), mqtt5)
      if (!message) throw new Error(Object.values(problems)[0] ?? 'The message is not valid.')
      const { templates } = await profileService.saveTemplate({ profileId, template: { ...message, name } })
      set({ templates: { ...get().templates, [profileId]: templates } })
    },
    async deleteTemplate(profileId, templateId) {
      const { templates } = await profileService.deleteTemplate({ profileId, templateId })
      set({ templates: { ...get().templates, [profileId]: templates } })
    },
    async clearHistory(profileId) {
      const { entries } = await profileService.clearPublishHistory({ profileId })
      set({ history: { ...get().history, [profileId]: entries } })
    },
    async loadRequests(profileId) {
      setRequests(profileId, (await requestService.history({ profileId })).entries)
    },
    async clearRequests(profileId) {
      setRequests(profileId, (await requestService.clearHistory({ profileId })).entries)
    },
    applySaved(connectionId, saved) {
      setDraft(connectionId, draftFromSaved(saved))
    },
    forget(connectionId) {
      const drafts = { ...get().drafts }
      const sends = { ...get().sends }
      delete drafts[connectionId]
      delete sends[connectionId]
      set({ drafts, sends })
    }
  }
}
