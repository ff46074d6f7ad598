/** A plain Uint8Array copy of the first `length` bytes (a Buffer's own slice would share or stay a Buffer). */
export function copyBytes(source: Uint8Array, length: number): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(length)
  copy.set(length === source.length ? source : source.subarray(0, length))
  return copy
}
