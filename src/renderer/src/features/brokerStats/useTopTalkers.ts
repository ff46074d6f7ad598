import { useEffect, useState } from 'react'
import type { TalkerOrder, TalkerWindow, TopTalkers } from '@shared/contract'
import { errorMessage } from '../../lib/errorMessage'
import { getClientModel } from '../../model'
import { modelService } from '../../services/model'

/** How often the panel asks main while it is shown. */
export const TALKERS_REFRESH_MS = 1_000
/** Seconds of the connection's message rate kept for the sparkline. */
export const RATE_HISTORY = 60

export interface TopTalkersView {
  talkers: TopTalkers | null
  /** The connection's messages per second, one a second, oldest first. */
  rates: number[]
  error: string | null
}

/** Asks main for the busiest topics and subtrees once a second while mounted (main measures only while asked). */
export function useTopTalkers(connectionId: string, window: TalkerWindow, order: TalkerOrder, limit: number): TopTalkersView {
  const [view, setView] = useState<TopTalkersView>({ talkers: null, rates: [], error: null })
  useEffect(() => {
    let stopped = false
    const refresh = (): void => {
      const rate = getClientModel(connectionId).stats?.messagesPerSecond ?? 0
      modelService.topTalkers({ connectionId, window, order, limit }).then(
        (talkers) => {
          if (!stopped) setView((last) => ({ talkers, rates: [...last.rates, rate].slice(-RATE_HISTORY), error: null }))
        },
        (error: unknown) => {
          if (!stopped) setView((last) => ({ ...last, error: errorMessage(error) }))
        }
      )
    }
    refresh()
    const timer = setInterval(refresh, TALKERS_REFRESH_MS)
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }, [connectionId, window, order, limit])
  return view
}
