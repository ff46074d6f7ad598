// One way to read a search's regular expression, for main (which runs it, in a worker) and the filter box
// (which only checks it as the user types, so a typo is explained before any search starts).

/** The flags a search pattern is compiled with: Unicode, and ignoring case unless asked. */
export function searchRegexFlags(caseSensitive: boolean): string {
  return caseSensitive ? 'u' : 'iu'
}

/** Why a search pattern cannot be used, as a sentence; null when it compiles. */
export function searchRegexProblem(pattern: string, caseSensitive: boolean): string | null {
  try {
    new RegExp(pattern, searchRegexFlags(caseSensitive))
    return null
  } catch (error) {
    return `The regular expression is not valid (${(error as Error).message}); check its brackets and escapes, or search by text.`
  }
}
