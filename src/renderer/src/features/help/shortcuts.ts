/** A keyboard shortcut as the help panel lists it. */
export interface Shortcut {
  keys: string
  action: string
}

/** Every shortcut of the app, grouped by where it works; the README lists the same. */
export const SHORTCUTS: { area: string; shortcuts: Shortcut[] }[] = [
  {
    area: 'Anywhere',
    shortcuts: [
      { keys: 'F1', action: 'Show or hide this help' },
      { keys: 'Ctrl/Cmd+F', action: 'Focus the topic filter of the open connection' },
      { keys: 'Ctrl/Cmd+Shift+P', action: 'Pause or resume the topic tree' },
      { keys: 'Escape', action: 'Close a dialog; in the filter box, clear it' },
      { keys: 'Tab / Shift+Tab', action: 'Move the focus on / back, editors included' }
    ]
  },
  {
    area: 'Tabs',
    shortcuts: [
      { keys: '← / →, Home / End', action: 'Show the previous / next tab, the first / last' },
      { keys: 'Delete', action: 'Close the connection or recording tab that has the focus' }
    ]
  },
  {
    area: 'Topic tree',
    shortcuts: [
      { keys: '↑ / ↓', action: 'Select the previous / next row' },
      { keys: '→', action: 'Expand, or go to the first child' },
      { keys: '←', action: 'Collapse, or go to the parent' },
      { keys: 'Enter', action: 'Expand or collapse' },
      { keys: 'Home / End', action: 'First / last row' },
      { keys: 'Page Up / Page Down', action: 'Move by 20 rows' },
      { keys: 'Ctrl/Cmd+C', action: 'Copy the selected topic path' },
      { keys: 'Any letter or digit', action: 'Start filtering topics with it' },
      { keys: 'Delete', action: 'Clear retained values of the selected topic or branch (asks first)' }
    ]
  },
  {
    area: 'Message history',
    shortcuts: [{ keys: '↑ / ↓', action: 'Show the newer / older message' }]
  },
  {
    area: 'Publish',
    shortcuts: [
      { keys: 'Ctrl/Cmd+Enter', action: 'Publish the message' },
      { keys: 'Ctrl+M (in an editor)', action: 'Let Tab indent instead of moving the focus (again to undo)' }
    ]
  }
]
