import type { ChildSort } from '@shared/contract'
import { getClientModel } from '../../model'
import { treeSearchSelectors, useTreeSearchStore } from '../../stores/treeSearch'
import { treeViewSelectors, useTreeViewStore, type FilterMode, type FilterTarget } from '../../stores/treeView'
import { searchStatusText } from './searchStatus'
import { compileTreeFilter } from './treeFilter'

const SORTS: { value: ChildSort; label: string }[] = [
  { value: 'name', label: 'Name' },
  { value: 'lastUpdate', label: 'Last update' },
  { value: 'messageCount', label: 'Count' }
]

/** The id of a connection's filter box (the tree moves focus there when the user starts typing). */
export function filterInputId(connectionId: string): string {
  return `${connectionId}-filter`
}

/** Filter box, filter mode and target, sort, pause/resume and collapse for one connection's tree. */
export function TreeToolbar({ connectionId }: { connectionId: string }): React.JSX.Element {
  const view = useTreeViewStore(treeViewSelectors.view(connectionId))
  const { setFilter, setSort, setPaused, collapseAll } = useTreeViewStore.getState()
  const search = useTreeSearchStore(treeSearchSelectors.search(connectionId))
  const compiled = compileTreeFilter(view.filter)
  const problem = compiled.problem ?? search?.problem ?? null
  const searchStatus = compiled.search && search ? searchStatusText(search) : null
  const filterId = filterInputId(connectionId)
  return (
    <div className="tree-toolbar">
      <div className="toolbar">
        <input
          id={filterId}
          type="search"
          aria-label="Filter topics"
          aria-invalid={Boolean(problem)}
          aria-describedby={problem ? `${filterId}-problem` : undefined}
          placeholder={view.filter.mode === 'wildcard' ? 'e.g. home/+/temperature or sensors/#' : view.filter.mode === 'regex' ? 'regular expression' : 'Filter (Ctrl+F)'}
          value={view.filter.text}
          onChange={(event) => setFilter(connectionId, { text: event.target.value })}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setFilter(connectionId, { text: '' })
            // Runs the search again now, so topics and messages that arrived since are searched too.
            if (event.key === 'Enter' && compiled.search) void useTreeSearchStore.getState().start(connectionId, compiled.search)
          }}
        />
        <select aria-label="Filter mode" value={view.filter.mode} onChange={(event) => setFilter(connectionId, { mode: event.target.value as FilterMode })}>
          <option value="text">Text</option>
          <option value="wildcard">MQTT filter</option>
          <option value="regex">Regex</option>
        </select>
        <select aria-label="Filter on" value={view.filter.target} onChange={(event) => setFilter(connectionId, { target: event.target.value as FilterTarget })}>
          <option value="topic">Topic</option>
          <option value="payload">Payload</option>
        </select>
      </div>
      {view.filter.target === 'payload' ? (
        <div className="toolbar">
          <label>
            <input type="checkbox" checked={view.filter.history} onChange={(event) => setFilter(connectionId, { history: event.target.checked })} /> Search history
          </label>
          <label>
            <input type="checkbox" checked={view.filter.decoded} onChange={(event) => setFilter(connectionId, { decoded: event.target.checked })} /> Decoded text
          </label>
        </div>
      ) : null}
      <div className="toolbar">
        <span className="muted">Sort</span>
        {SORTS.map((sort) => (
          <button
            key={sort.value}
            type="button"
            className="btn small"
            aria-pressed={view.sort === sort.value}
            aria-label={`Sort by ${sort.label.toLowerCase()}${view.sort === sort.value ? (view.descending ? ', descending' : ', ascending') : ''}`}
            onClick={() => setSort(connectionId, sort.value)}
          >
            {sort.label}
            {view.sort === sort.value ? (view.descending ? ' ↓' : ' ↑') : ''}
          </button>
        ))}
        <span className="grow" />
        <button
          type="button"
          className="btn small"
          aria-pressed={view.paused}
          onClick={() => setPaused(connectionId, !view.paused, getClientModel(connectionId).version)}
        >
          {view.paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" className="btn small" onClick={() => collapseAll(connectionId)}>
          Collapse all
        </button>
      </div>
      {problem ? (
        <div className="banner error" id={`${filterId}-problem`} role="alert">
          {problem}
        </div>
      ) : null}
      {searchStatus ? (
        <div className="banner" role="status" aria-label="Search status">
          {searchStatus}
        </div>
      ) : null}
      {view.paused ? (
        <div className="banner" role="status">
          View paused: messages keep arriving and are kept; press Resume to see them.
        </div>
      ) : null}
    </div>
  )
}
