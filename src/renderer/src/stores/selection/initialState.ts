/** What is selected in one connection's tab. */
export interface Selection {
  /** The selected tree node's path (a topic when it has a value). */
  path: string | null
  /** The history message shown in the viewer (its seq); null follows the latest. */
  messageSeq: number | null
  /** The message the viewer compares against in diff mode (its seq); null: the one before. */
  compareSeq: number | null
}

/** Selection per connection id. */
export interface SelectionState {
  selections: Record<string, Selection>
}

export const emptySelection: Selection = { path: null, messageSeq: null, compareSeq: null }

export const initialSelectionState: SelectionState = { selections: {} }
