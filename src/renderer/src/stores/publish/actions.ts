import { MAX_SAVED_PAYLOAD_BYTES, type PayloadFormat, type PublishDraftInput } from '@shared/contract'
import { convertPayloadText } from '../../lib/payloadView'
import { errorMessage } from '../../lib/errorMessage'
import { connectionService } from '../../services/connection'
import { profileService } from '../../services/profile'
import { composeMessage, describePublishResult, draftFromSaved, emptyComposerDraft, type ComposerDraft } from './compose'
import type { PublishState } from './initialState'

type Set = (partial: Partial<PublishState>) => void
type Get = () => PublishState

/** Editing, sending and remembering messages from the publish composer. */
export interface PublishActions {
  patchDraft(connectionId: string, patch: Partial<ComposerDraft>): void
  /** Switches the payload format, re-expressing the typed text so the bytes stay the same. */
  setFormat(connectionId: string, format: PayloadFormat): void
  /** Validates and publishes the draft; on success it is added to the profile's publish history. */
  send(connectionId: string, profileId: string, mqtt5: boolean): Promise<void>
  loadSaved(profileId: string): Promise<void>
  saveTemplate(connectionId: string, profileId: string, name: string, mqtt5: boolean): Promise<void>
  deleteTemplate(profileId: string, templateId: string): Promise<void>
  clearHistory(profileId: string): Promise<void>
  /** Puts a history entry or template into the composer. */
  applySaved(connectionId: string, saved: PublishDraftInput): void
  forget(connectionId: string): void
}

export function createPublishActions(set: Set, get: Get): PublishActions {
  const draftOf = (connectionId: string): ComposerDraft => get().drafts[connectionId] ?? emptyComposerDraft
  const setDraft = (connectionId: string, draft: ComposerDraft): void => set({ drafts: { ...get().drafts, [connectionId]: draft } })
  const setOutcome = (connectionId: string, outcome: PublishState['outcomes'][string]): void => set({ outcomes: { ...get().outcomes, [connectionId]: outcome } })

  return {
    patchDraft(connectionId, patch) {
      setDraft(connectionId, { ...draftOf(connectionId), ...patch })
    },
    setFormat(connectionId, format) {
      const draft = draftOf(connectionId)
      setDraft(connectionId, { ...draft, format, text: convertPayloadText(draft.text, draft.format, format) })
    },
    async send(connectionId, profileId, mqtt5) {
      const { message, problems } = composeMessage(draftOf(connectionId), mqtt5)
      if (!message) {
        setOutcome(connectionId, { kind: 'error', text: Object.values(problems)[0] ?? 'The message is not valid.' })
        return
      }
      setOutcome(connectionId, { kind: 'sending' })
      try {
        const { payloadFormat: _format, ...publish } = message
        const result = await connectionService.publish({ connectionId, ...publish })
        setOutcome(connectionId, { kind: 'ok', text: describePublishResult(message.qos, result.reasonCode) })
      } catch (error) {
        setOutcome(connectionId, { kind: 'error', text: errorMessage(error) })
        return
      }
      // History is a convenience: a failure to save it must not turn a delivered message into an error.
      if (message.payload.byteLength <= MAX_SAVED_PAYLOAD_BYTES) {
        try {
          const { entries } = await profileService.addPublishHistory({ profileId, entry: message })
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
      const { message, problems } = composeMessage(draftOf(connectionId), mqtt5)
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
    applySaved(connectionId, saved) {
      setDraft(connectionId, draftFromSaved(saved))
    },
    forget(connectionId) {
      const drafts = { ...get().drafts }
      const outcomes = { ...get().outcomes }
      delete drafts[connectionId]
      delete outcomes[connectionId]
      set({ drafts, outcomes })
    }
  }
}
