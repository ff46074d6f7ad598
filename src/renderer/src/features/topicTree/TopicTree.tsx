import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { useStore } from 'zustand'
import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual'
import { getClientModel } from '../../model'
import { copyText } from '../../lib/clipboard'
import { errorMessage } from '../../lib/errorMessage'
import { useConnectionDecoders } from '../../stores/connections'
import { selectionSelectors, useSelectionStore } from '../../stores/selection'
import { treeViewSelectors, useTreeViewStore } from '../../stores/treeView'
import { filterInputId } from './TreeToolbar'
import { ancestorPaths, flattenTree } from './flattenTree'
import { treeKeyAction } from './treeKeys'
import { TreeRowView } from './TreeRowView'
import { useAdaptiveRows } from './useAdaptiveRows'
import { useTreeFilter } from './useTreeFilter'

const ROW_HEIGHT = 24
/** Height assumed until the tree's box is measured (and where layout reports none, as in DOM tests). */
const ASSUMED_VIEWPORT = 600

function observeRectWithFallback(instance: Virtualizer<HTMLDivElement, Element>, callback: (rect: { width: number; height: number }) => void): void | (() => void) {
  return observeElementRect(instance, (rect) => callback(rect.height > 0 ? rect : { width: rect.width, height: ASSUMED_VIEWPORT }))
}

function emptyText(filtering: boolean, searching: boolean): string {
  if (searching) return 'Searching…'
  return filtering ? 'No topic matches the filter.' : 'No messages yet. Topics appear here as they arrive.'
}

/** Props of the topic tree; `onClearRetained` opens the confirmation for a node (Delete key). */
export interface TopicTreeProps {
  connectionId: string
  /** Left out where nothing can be cleared (a recording's tab). */
  onClearRetained?: (path: string) => void
}

/** The live, virtualized topic tree of one connection: re-renders at most once per frame, never per message. */
export function TopicTree({ connectionId, onClearRetained }: TopicTreeProps): React.JSX.Element {
  const model = getClientModel(connectionId)
  const view = useTreeViewStore(treeViewSelectors.view(connectionId))
  const { toggleExpanded, setExpanded, setFilter } = useTreeViewStore.getState()
  // While paused the selector returns the frozen version, so new deltas do not re-render the tree.
  const version = useStore(model.store, (state) => (view.paused ? view.frozenVersion : state.version))
  const selectedPath = useSelectionStore(selectionSelectors.path(connectionId))
  const selectPath = useSelectionStore((s) => s.selectPath)
  const [notice, setNotice] = useState<string | null>(null)
  const scrollRef = useRef<HTMLDivElement>(null)
  const idPrefix = useId()
  const latest = useCallback((topic: string) => model.topic(topic)?.message, [model])
  const decoders = useConnectionDecoders(connectionId)

  const { match, searching } = useTreeFilter(connectionId, view.filter)
  const rows = useAdaptiveRows(
    () => flattenTree(model, { expanded: view.expanded, sort: view.sort, descending: view.descending, match }),
    [model, view.expanded, view.sort, view.descending, match],
    version
  )
  const selectedIndex = useMemo(() => rows.findIndex((r) => r.id === selectedPath), [rows, selectedPath])

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => rows[index]?.id ?? index,
    overscan: 8,
    observeElementRect: observeRectWithFallback
  })

  // When the filter is cleared, the topic chosen from the filtered view stays in sight: its branch is
  // opened, and once the rows include it, it is scrolled to.
  const filtering = match !== null
  const wasFiltering = useRef(filtering)
  const reveal = useRef(false)
  useEffect(() => {
    if (wasFiltering.current && !filtering && selectedPath) {
      useTreeViewStore.getState().expandAll(connectionId, ancestorPaths(selectedPath))
      reveal.current = true
    }
    wasFiltering.current = filtering
  }, [filtering, selectedPath, connectionId])
  useEffect(() => {
    if (!reveal.current || selectedIndex < 0) return
    reveal.current = false
    virtualizer.scrollToIndex(selectedIndex, { align: 'center' })
  }, [selectedIndex, virtualizer])

  const onSelect = useCallback((path: string) => selectPath(connectionId, path), [connectionId, selectPath])
  const onToggle = useCallback((path: string) => toggleExpanded(connectionId, path), [connectionId, toggleExpanded])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'c' && selectedPath !== null) {
      event.preventDefault()
      copyText(selectedPath).then(
        () => setNotice(`Copied "${selectedPath}".`),
        (error: unknown) => setNotice(errorMessage(error))
      )
      return
    }
    if (event.key === 'Delete' && selectedPath !== null && onClearRetained) {
      event.preventDefault()
      onClearRetained(selectedPath)
      return
    }
    if (event.key.length === 1 && event.key !== ' ' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      // Typing in the tree starts a filter, as in MQTT Explorer.
      event.preventDefault()
      setFilter(connectionId, { text: view.filter.text + event.key })
      document.getElementById(filterInputId(connectionId))?.focus()
      return
    }
    const action = treeKeyAction(event.key, rows, selectedIndex)
    if (action.kind === 'none') return
    event.preventDefault()
    if (action.kind === 'select') {
      const row = rows[action.index]
      if (row) {
        selectPath(connectionId, row.id)
        virtualizer.scrollToIndex(action.index, { align: 'auto' })
      }
    } else if (action.kind === 'toggle') toggleExpanded(connectionId, action.path)
    else setExpanded(connectionId, action.path, action.kind === 'expand')
  }

  const items = virtualizer.getVirtualItems()
  return (
    <div className="tree-frame">
      <div
        ref={scrollRef}
        className="tree-scroll"
        role="tree"
        aria-label="Topics"
        aria-activedescendant={selectedIndex >= 0 ? `${idPrefix}-${selectedIndex}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rows[item.index]
            if (!row) return null
            return (
              <TreeRowView
                key={item.key}
                node={row.node}
                depth={row.depth}
                expanded={row.expanded}
                hasChildren={row.hasChildren}
                posInSet={row.posInSet}
                setSize={row.setSize}
                rowId={`${idPrefix}-${item.index}`}
                retainedTextId={`${idPrefix}-retained`}
                selected={row.id === selectedPath}
                messageCount={row.node.messageCount}
                lastUpdate={row.node.lastUpdate}
                start={item.start}
                onSelect={onSelect}
                onToggle={onToggle}
                latest={latest}
                decoders={decoders}
              />
            )
          })}
        </div>
        <span id={`${idPrefix}-retained`} hidden>
          Retained value
        </span>
        {rows.length === 0 ? <div className="empty">{emptyText(match !== null, searching)}</div> : null}
      </div>
      {notice ? (
        <div className="tree-notice" role="status" onAnimationEnd={() => setNotice(null)}>
          {notice}
        </div>
      ) : null}
    </div>
  )
}
