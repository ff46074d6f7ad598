import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

// The seams of main, read from the source: type-only imports count, since they tie files together too.
const MAIN = resolve(__dirname)

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : []
  })
}

function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined
  const base = resolve(dirname(from), specifier)
  return [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate)) ?? `${base}.ts`
}

/** Each file of src/main (relative path) and the files of src/main it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of sourceFiles(MAIN)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    const targets = importedFiles
      .map((imported) => resolveImport(file, imported.fileName))
      .filter((target): target is string => target !== undefined && target.startsWith(MAIN))
    graph.set(relative(MAIN, file), [...new Set(targets.map((target) => relative(MAIN, target)))])
  }
  return graph
}

/** Every import cycle, each as the path that closes it (a → b → a). */
function cycles(graph: Map<string, string[]>): string[] {
  const found: string[] = []
  const done = new Set<string>()
  const path: string[] = []
  const visit = (file: string): void => {
    const at = path.indexOf(file)
    if (at >= 0) {
      found.push([...path.slice(at), file].join(' → '))
      return
    }
    if (done.has(file)) return
    path.push(file)
    for (const target of graph.get(file) ?? []) visit(target)
    path.pop()
    done.add(file)
  }
  for (const file of graph.keys()) visit(file)
  return found
}

const graph = importGraph()
const importsOf = (inside: (file: string) => boolean, target: (file: string) => boolean): string[] =>
  [...graph].filter(([file]) => inside(file)).flatMap(([file, targets]) => targets.filter(target).map((t) => `${file} → ${t}`))

describe('import graph of src/main', () => {
  it('reads the graph (guards the guard: an empty graph would pass every rule)', () => {
    expect(graph.get('services.ts')).toEqual(expect.arrayContaining(['mqtt/connectionManager.ts', 'ports/eventSink.ts']))
  })

  it('has no import cycle', () => {
    expect(cycles(graph)).toEqual([])
  })

  it('keeps the ipc adapters out of the services: only ipc itself and the Electron entry import src/main/ipc', () => {
    expect(importsOf((file) => !file.startsWith('ipc/') && file !== 'index.ts', (target) => target.startsWith('ipc/'))).toEqual([])
  })

  it('keeps the ports neutral: they import nothing else of main', () => {
    expect(importsOf((file) => file.startsWith('ports/'), (target) => !target.startsWith('ports/'))).toEqual([])
  })
})
