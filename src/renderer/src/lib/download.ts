/** Saves bytes as a file through the browser's download (works in Electron and in the headless browser mode). */
export function downloadFile(fileName: string, bytes: Uint8Array, type = 'application/octet-stream'): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // Revoked on the next turn so the download has started reading the blob.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
