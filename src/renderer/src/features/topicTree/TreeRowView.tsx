import { memo, useState } from 'react'
import type { ProfileDecoders } from '@shared/decoders'
import type { ClientTreeNode } from '../../model'
import { payloadSummary, type LatestRecord } from '../../lib/payloadSummary'

/** What one tree row shows; the numbers are passed so the memoized row re-renders exactly when they change. */
export interface TreeRowViewProps {
  node: ClientTreeNode
  depth: number
  expanded: boolean
  hasChildren: boolean
  posInSet: number
  setSize: number
  rowId: string
  /** The id of the tree's one hidden "Retained value" text, which retained rows add to their description. */
  retainedTextId: string
  selected: boolean
  /** Values that change when the node does, so memo re-renders exactly then. */
  messageCount: number
  lastUpdate: number
  start: number
  onSelect: (path: string) => void
  onToggle: (path: string) => void
  /** The latest record of a topic (Sparkplug rows read their births through it); stable across renders. */
  latest: LatestRecord
  /** The connection's profile settings: pinned and Protobuf-mapped topics show their decoded summary. */
  decoders: ProfileDecoders
}

/** One tree row: twisty, level name, latest value, counts and a retained marker. */
export const TreeRowView = memo(function TreeRowView({ node, depth, expanded, hasChildren, posInSet, setSize, rowId, retainedTextId, selected, messageCount, lastUpdate, start, onSelect, onToggle, latest, decoders }: TreeRowViewProps): React.JSX.Element {
  const topic = node.topic
  // Highlight changes seen while the row is on screen, not rows scrolled into view; the element key
  // restarts the CSS animation on each change, so no timer or per-message render is needed.
  const [shownAt] = useState(lastUpdate)
  const changed = lastUpdate !== shownAt
  return (
    <div
      id={rowId}
      role="treeitem"
      aria-level={depth + 1}
      aria-posinset={posInSet}
      aria-setsize={setSize}
      aria-expanded={hasChildren ? expanded : undefined}
      aria-selected={selected}
      // Named by its content, all of it (WCAG 2.5.3: the name holds the visible text); "R" is explained here.
      aria-describedby={topic?.retained ? retainedTextId : undefined}
      className={`tree-row${selected ? ' selected' : ''}`}
      style={{ transform: `translateY(${start}px)`, paddingLeft: 6 + depth * 16 }}
      onClick={() => onSelect(node.path)}
      onDoubleClick={() => hasChildren && onToggle(node.path)}
    >
      {changed ? <span key={lastUpdate} className="tree-flash" aria-hidden="true" /> : null}
      <span
        className="twisty"
        aria-hidden="true"
        onClick={(event) => {
          event.stopPropagation()
          if (hasChildren) onToggle(node.path)
        }}
      >
        {hasChildren ? (expanded ? '▾' : '▸') : ''}
      </span>
      <span className="tree-name">{node.name === '' ? <em className="muted">(empty level)</em> : node.name}</span>
      {topic ? (
        <>
          {topic.retained ? (
            <span className="badge retained" title="Retained value">
              R
            </span>
          ) : null}
          <span className="tree-value mono">= {payloadSummary(node.path, topic.message, latest, decoders)}</span>
        </>
      ) : null}
      <span className="tree-counts muted">
        {hasChildren ? `${node.topicCount} ${node.topicCount === 1 ? 'topic' : 'topics'}, ` : ''}
        {messageCount} {messageCount === 1 ? 'message' : 'messages'}
      </span>
    </div>
  )
})
