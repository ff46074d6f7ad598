import { useEffect, useState } from 'react'
import type { MessageRecord } from '@shared/contract'
import type { SparkplugHistory } from '@shared/decoders'
import { errorMessage } from '../../lib/errorMessage'
import { modelService } from '../../services/model'

/** What a Sparkplug message depends on, fetched from main's history when the viewer decodes it as Sparkplug. */
export function useSparkplugHistory(connectionId: string, topic: string, record: MessageRecord | undefined, wanted: boolean): {
  history: SparkplugHistory | null
  error: string | null
} {
  const key = wanted && record ? `${connectionId}\u0000${topic}\u0000${record.seq}` : null
  const [reply, setReply] = useState<{ key: string; history: SparkplugHistory | null; error: string | null } | null>(null)
  const seq = record?.seq
  useEffect(() => {
    if (key === null || seq === undefined) return
    let current = true
    modelService.sparkplug({ connectionId, topic, seq }).then(
      (history) => current && setReply({ key, history, error: null }),
      (error: unknown) => current && setReply({ key, history: null, error: errorMessage(error) })
    )
    return () => {
      current = false
    }
  }, [key, connectionId, topic, seq])
  return reply?.key === key ? { history: reply.history, error: reply.error } : { history: null, error: null }
}
