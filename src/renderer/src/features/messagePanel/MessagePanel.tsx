import { useCallback, useState } from 'react'
import { useStore } from 'zustand'
import { getClientModel, type ClientModel } from '../../model'
import { SplitPane } from '../../components/SplitPane'
import { copyText } from '../../lib/clipboard'
import { errorMessage } from '../../lib/errorMessage'
import { useConnectionDecoders } from '../../stores/connections'
import { selectionSelectors, useSelectionStore } from '../../stores/selection'
import { utf8Encode } from '../../lib/bytes'
import { downloadFile } from '../../lib/download'
import { HistoryList } from './HistoryList'
import { historyToCsv } from './historyCsv'
import { decodedCells } from './historyDecoded'
import { payloadFileName } from './messageFacts'
import { useTopicHistory } from './useTopicHistory'
import { ValueViewer } from './ValueViewer'

/** The figures of a node the panel shows, as one comparable value. */
function nodeSummary(model: ClientModel, path: string | null): string {
  const node = path === null ? undefined : model.node(path)
  if (!node) return ''
  return `${node.topicCount}/${node.messageCount}/${node.children.size}/${node.topic ? (node.topic.retained ? 'r' : 't') : '-'}`
}

/** The selected topic: its path, history, value viewer and diff; or a branch's totals. */
/**
 * Without `onClearRetained` (a recording's tab) there is nothing to clear, and no button for it; with `onPublish` (the
 * composer folded) a button opens the composer for the selected topic.
 */
export function MessagePanel({ connectionId, onClearRetained, onPublish }: { connectionId: string; onClearRetained?: (path: string) => void; onPublish?: () => void }): React.JSX.Element {
  const selection = useSelectionStore(selectionSelectors.of(connectionId))
  const model = getClientModel(connectionId)
  // Re-render when the selected node's own figures change, not on every delta of a busy broker.
  useStore(model.store, () => nodeSummary(model, selection.path))
  const { selectMessage, setCompare } = useSelectionStore.getState()
  const [diff, setDiff] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const path = selection.path
  const node = path === null ? undefined : model.node(path)
  const topic = node?.topic ? node.path : null
  const history = useTopicHistory(connectionId, topic)
  const decoders = useConnectionDecoders(connectionId)
  const latestSeq = history.messages[0]?.seq
  // Choosing the newest message means "follow the latest" again.
  const onSelectMessage = useCallback((seq: number) => selectMessage(connectionId, seq === latestSeq ? null : seq), [connectionId, latestSeq, selectMessage])

  if (path === null || !node) {
    return <div className="empty">Select a topic in the tree to see its messages.</div>
  }

  const selectedIndex = selection.messageSeq === null ? 0 : history.messages.findIndex((m) => m.seq === selection.messageSeq)
  const record = history.messages[selectedIndex === -1 ? 0 : selectedIndex]
  const compareTo =
    selection.compareSeq !== null
      ? (history.messages.find((m) => m.seq === selection.compareSeq) ?? null)
      : (history.messages[(selectedIndex === -1 ? 0 : selectedIndex) + 1] ?? null)

  const exportHistory = async (name: string): Promise<void> => {
    setNotice('Preparing the CSV…')
    try {
      const messages = history.messages
      const csv = historyToCsv(name, messages, await decodedCells(connectionId, name, messages))
      downloadFile(payloadFileName(name, messages[0]?.seq ?? 0, 'csv'), utf8Encode(csv), 'text/csv')
      setNotice(null)
    } catch (error) {
      setNotice(`The history could not be exported: ${errorMessage(error)}`)
    }
  }
  const copyPath = (): void => {
    copyText(path).then(
      () => setNotice(`Copied "${path}".`),
      (error: unknown) => setNotice(errorMessage(error))
    )
  }

  return (
    <section className="screen message-panel" aria-label="Message panel">
      <div className="panel-title">
        <span className="mono grow topic-path" title={path}>
          {path}
        </span>
        <button type="button" className="btn small" onClick={copyPath}>
          Copy topic
        </button>
        {topic && history.messages.length > 0 ? (
          <button
            type="button"
            className="btn small"
            title="The messages loaded below, as CSV"
            onClick={() => void exportHistory(topic)}
          >
            Export history
          </button>
        ) : null}
        {onPublish && topic ? (
          <button type="button" className="btn small" onClick={onPublish}>
            Publish to this topic…
          </button>
        ) : null}
        {onClearRetained ? (
          <button type="button" className="btn small danger" onClick={() => onClearRetained(path)}>
            Clear retained…
          </button>
        ) : null}
      </div>
      {notice ? <div className="muted" role="status" style={{ padding: '2px 8px' }}>{notice}</div> : null}
      <div className="muted" style={{ padding: '2px 8px' }}>
        {node.children.size > 0 ? `${node.topicCount} ${node.topicCount === 1 ? 'topic' : 'topics'}, ` : ''}
        {node.messageCount} {node.messageCount === 1 ? 'message' : 'messages'}
        {node.topic?.retained ? ' · retained value' : ''}
      </div>
      {history.error ? <div className="banner error" role="alert">{history.error}</div> : null}
      {topic && record ? (
        <SplitPane direction="vertical" storageKey="history" initial={160} min={60} label="Resize the message history">
          <HistoryList
            topic={topic}
            messages={history.messages}
            selectedSeq={record.seq}
            compareSeq={diff ? compareTo?.seq : undefined}
            onSelect={onSelectMessage}
            hasOlder={history.hasOlder}
            onLoadOlder={history.loadOlder}
            decoders={decoders}
          />
          <div className="screen">
            <div className="toolbar">
              <label className="check">
                <input type="checkbox" checked={diff} onChange={(event) => setDiff(event.target.checked)} />
                Show diff
              </label>
              {diff ? (
                <select
                  aria-label="Diff against"
                  value={selection.compareSeq === null ? 'previous' : String(selection.compareSeq)}
                  onChange={(event) => setCompare(connectionId, event.target.value === 'previous' ? null : Number(event.target.value))}
                >
                  <option value="previous">the previous message</option>
                  {history.messages
                    .filter((m) => m.seq !== record.seq)
                    .map((m) => (
                      <option key={m.seq} value={m.seq}>
                        message {m.seq}
                      </option>
                    ))}
                </select>
              ) : null}
              {diff && !compareTo ? <span className="muted">No earlier message to compare with.</span> : null}
              <span className="grow" />
              {selection.messageSeq !== null ? (
                <button type="button" className="btn small" onClick={() => selectMessage(connectionId, null)}>
                  Follow latest
                </button>
              ) : null}
            </div>
            <ValueViewer connectionId={connectionId} topic={topic} record={record} compareTo={compareTo} diff={diff} />
          </div>
        </SplitPane>
      ) : topic ? (
        <div className="empty">{history.loading ? 'Loading history…' : 'No history kept for this topic.'}</div>
      ) : (
        <div className="empty">This level has no value of its own; select a topic below it.</div>
      )}
    </section>
  )
}
