/** Reads `--name value` and `--flag` from argv. */
export function parseArgs(argv: string[]): Map<string, string> {
  const args = new Map<string, string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (!arg.startsWith('--')) continue
    const next = argv[i + 1]
    if (next !== undefined && !next.startsWith('--')) {
      args.set(arg.slice(2), next)
      i++
    } else args.set(arg.slice(2), 'true')
  }
  return args
}

/** A numeric flag, or `fallback` when absent; exits with a sentence when it is not a positive number. */
export function numberArg(args: Map<string, string>, name: string, fallback: number): number {
  const raw = args.get(name)
  if (raw === undefined) return fallback
  const value = Number(raw.replaceAll('_', ''))
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`--${name} must be a positive number, not "${raw}".`)
    process.exit(2)
  }
  return value
}
