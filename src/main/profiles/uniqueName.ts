/** Names are compared trimmed and without case, so "Garage" and "garage " count as the same profile. */
export function nameKey(name: string): string {
  return name.trim().toLocaleLowerCase()
}

/** `base`, or `base (suffix)`, `base (suffix 2)`, ... : the first one not in `taken` (name keys). */
export function uniqueName(base: string, suffix: string, taken: Set<string>): string {
  if (!taken.has(nameKey(base))) return base
  for (let n = 1; ; n++) {
    const candidate = `${base} (${n === 1 ? suffix : `${suffix} ${n}`})`
    if (!taken.has(nameKey(candidate))) return candidate
  }
}
