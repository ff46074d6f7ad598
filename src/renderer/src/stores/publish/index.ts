import { create } from 'zustand'
import { createPublishActions, type PublishActions } from './actions'
import { initialPublishState, type PublishState } from './initialState'

export type PublishStore = PublishState & PublishActions

/** The publish composer: drafts, broker answers, history and templates. */
export const usePublishStore = create<PublishStore>()((set, get) => ({ ...initialPublishState, ...createPublishActions(set, get) }))

export { publishSelectors } from './selectors'
export { composeMessage, describePublishResult, emptyComposerDraft, type ComposerDraft, type ComposerProblems } from './compose'
export { initialPublishState, type PublishSend, type PublishState } from './initialState'
