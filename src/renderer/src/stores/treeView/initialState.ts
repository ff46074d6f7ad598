import type { ChildSort } from '@shared/contract'

/** What the filter box matches: plain text, an MQTT filter (+, #), or a regular expression. */
export type FilterMode = 'text' | 'wildcard' | 'regex'
/** Whether the filter looks at topic names or at the latest payloads. */
export type FilterTarget = 'topic' | 'payload'

/** The filter box of one tree. */
export interface TreeFilter {
  text: string
  mode: FilterMode
  target: FilterTarget
  /** Payload searches look at every kept message, not only the latest. */
  history: boolean
  /** Payload searches look at the decoded text too (Sparkplug, JSON, images, pinned CBOR or MessagePack). */
  decoded: boolean
}

/** How one connection's tree is shown; the data itself lives in the client model. */
export interface TreeView {
  filter: TreeFilter
  sort: ChildSort
  descending: boolean
  /** The view stops following new messages; the model keeps receiving them. */
  paused: boolean
  /** The model version the view shows while paused. */
  frozenVersion: number
  /** Paths of expanded nodes. */
  expanded: ReadonlySet<string>
}

/** Tree view settings per connection id. */
export interface TreeViewState {
  views: Record<string, TreeView>
}

export const defaultTreeView: TreeView = {
  filter: { text: '', mode: 'text', target: 'topic', history: false, decoded: false },
  sort: 'name',
  descending: false,
  paused: false,
  frozenVersion: 0,
  expanded: new Set()
}

export const initialTreeViewState: TreeViewState = { views: {} }
