/** Ctrl+Enter, or Cmd+Enter on macOS: the "send" shortcut. */
export function isSubmitKey(event: { key: string; ctrlKey: boolean; metaKey: boolean }): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey)
}
