/** Copies text to the clipboard; rejects with a sentence when the browser does not allow it. */
export async function copyText(text: string): Promise<void> {
  if (!navigator.clipboard?.writeText) throw new Error('The clipboard is not available here; select the text and copy it by hand.')
  try {
    await navigator.clipboard.writeText(text)
  } catch {
    throw new Error('The browser refused access to the clipboard; click in the window and try again.')
  }
}
