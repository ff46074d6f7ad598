import { useState } from 'react'
import type { MessageRecord } from '@shared/contract'
import { errorMessage } from '../../lib/errorMessage'
import { modelService } from '../../services/model'

const NO_BYTES = new Uint8Array(0)

/** The payload bytes to show for a message: its preview, or the whole payload once the user asked for it. */
export function useFullPayload(connectionId: string, topic: string, record: MessageRecord | undefined): {
  bytes: Uint8Array
  whole: boolean
  loading: boolean
  error: string | null
  loadWhole: () => void
} {
  const [loaded, setLoaded] = useState<{ key: string; bytes: Uint8Array } | null>(null)
  const [status, setStatus] = useState<{ key: string; loading: boolean; error: string | null } | null>(null)
  const key = record ? `${connectionId}\u0000${topic}\u0000${record.seq}` : ''
  const full = loaded?.key === key ? loaded.bytes : null
  const current = status?.key === key ? status : null
  return {
    bytes: full ?? record?.payload ?? NO_BYTES,
    whole: full !== null || (record !== undefined && !record.truncated && !record.payloadEvicted),
    loading: current?.loading ?? false,
    error: current?.error ?? null,
    loadWhole: () => {
      if (!record) return
      setStatus({ key, loading: true, error: null })
      modelService.message({ connectionId, topic, seq: record.seq }).then(
        (message) => {
          setLoaded({ key, bytes: message.payload })
          setStatus({ key, loading: false, error: null })
        },
        (error: unknown) => setStatus({ key, loading: false, error: errorMessage(error) })
      )
    }
  }
}
