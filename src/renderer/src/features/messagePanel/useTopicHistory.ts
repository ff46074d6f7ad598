import { useCallback, useEffect, useRef, useState } from 'react'
import { useStore } from 'zustand'
import type { MessageRecord } from '@shared/contract'
import { getClientModel } from '../../model'
import { errorMessage } from '../../lib/errorMessage'
import { modelService } from '../../services/model'

/** A topic's history as the message panel shows it: newest first, previews only. */
export interface TopicHistory {
  messages: MessageRecord[]
  /** Exact number of messages received on the topic (history may hold fewer). */
  messageCount: number
  loading: boolean
  error: string | null
  /** More, older messages are kept in main. */
  hasOlder: boolean
  loadOlder: () => void
}

interface HistoryState {
  topic: string | null
  messages: MessageRecord[]
  messageCount: number
  oldestSeq: number
  loading: boolean
  error: string | null
}

function emptyHistory(topic: string | null): HistoryState {
  return { topic, messages: [], messageCount: 0, oldestSeq: 0, loading: false, error: null }
}

function isEmptyHistory(state: HistoryState, topic: string | null): boolean {
  return state.topic === topic && state.messages.length === 0 && state.messageCount === 0 && state.oldestSeq === 0 && !state.loading && state.error === null
}

const PAGE = 100
/** The panel refreshes at most this often while a busy topic keeps changing. */
const REFRESH_MS = 300

/** Fetches a topic's history from main, and again (throttled) whenever the topic gets a new message. */
export function useTopicHistory(connectionId: string, topic: string | null): TopicHistory {
  const model = getClientModel(connectionId)
  const latestSeq = useStore(model.store, () => (topic ? (model.topic(topic)?.messageCount ?? 0) : 0))
  const [state, setState] = useState<HistoryState>(() => emptyHistory(null))
  // No topic, or one without messages (cleared, forgotten): nothing to show, and nothing kept to merge
  // with once it fills again. Reset while rendering, so the stale list is never shown.
  if ((!topic || latestSeq === 0) && !isEmptyHistory(state, topic)) setState(emptyHistory(topic))
  const lastFetch = useRef(0)
  // The topic shown now: replies for another topic are dropped, replies for this one always land (a busy
  // topic changes every frame, faster than a request returns).
  const wanted = useRef<string | null>(null)
  useEffect(() => {
    wanted.current = topic
  }, [topic])

  useEffect(() => {
    if (!topic || latestSeq === 0) return
    const fetchNow = (): void => {
      lastFetch.current = Date.now()
      setState((s) => ({ ...s, loading: true }))
      modelService.history({ connectionId, topic, limit: PAGE }).then(
        (reply) => {
          if (wanted.current !== topic) return
          setState((s) => {
            // Keep older pages the user loaded: new messages are merged in front of them.
            const older = s.topic === topic ? s.messages.filter((m) => m.seq < (reply.messages.at(-1)?.seq ?? 0)) : []
            return { topic, messages: [...reply.messages, ...older], messageCount: reply.messageCount, oldestSeq: older.at(-1)?.seq ?? reply.oldestSeq, loading: false, error: null }
          })
        },
        (error: unknown) => wanted.current === topic && setState((s) => ({ ...s, topic, loading: false, error: errorMessage(error) }))
      )
    }
    const timer = setTimeout(fetchNow, Math.max(0, lastFetch.current + REFRESH_MS - Date.now()))
    return () => clearTimeout(timer)
  }, [connectionId, topic, latestSeq])

  const loadOlder = useCallback(() => {
    const oldest = state.messages.at(-1)
    if (!topic || !oldest) return
    modelService.history({ connectionId, topic, beforeSeq: oldest.seq, limit: PAGE }).then(
      (reply) => setState((s) => (s.topic === topic ? { ...s, messages: [...s.messages, ...reply.messages.filter((m) => m.seq < oldest.seq)], oldestSeq: reply.oldestSeq } : s)),
      (error: unknown) => setState((s) => ({ ...s, error: errorMessage(error) }))
    )
  }, [connectionId, topic, state.messages])

  const current = state.topic === topic
  const oldestShown = current ? (state.messages.at(-1)?.seq ?? 0) : 0
  return {
    messages: current ? state.messages : [],
    messageCount: current ? state.messageCount : 0,
    loading: state.loading,
    error: current ? state.error : null,
    hasOlder: current && oldestShown > state.oldestSeq && oldestShown > 1,
    loadOlder
  }
}
