import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { events, requests } from '../../shared/contract'

// A contract entry or shared export that only tests use is dead code every later change must keep in step.
const ROOT = resolve(__dirname, '../../..')

const isTest = (path: string): boolean => /\.test\.tsx?$/.test(path) || path.includes('/test/') || path.endsWith('testSupport.ts')

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return /\.tsx?$/.test(entry.name) && !isTest(path) ? [path] : []
  })
}

const texts = new Map([...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'bench'))].map((path) => [path, readFileSync(path, 'utf8')]))
const renderer = [...texts].filter(([path]) => path.startsWith(join(ROOT, 'src/renderer/'))).map(([, text]) => text).join('\n')
const split = (name: string): [string, string] => name.split(':') as [string, string]

describe('the contract and src/shared are used by the app, not only by tests', () => {
  it('reads the sources (guards the guard: nothing read would find nothing unused)', () => {
    expect(renderer).toContain('profileService.connect(')
  })

  it('has a renderer caller for every request', () => {
    const uncalled = Object.keys(requests).filter((name) => {
      const [domain, action] = split(name)
      // Called as api.<domain>.<action>( in services, or as <domain>Service.<action>( from stores and views.
      return !new RegExp(`\\b${domain}(?:Service)?\\s*\\.\\s*${action}\\s*\\(`).test(renderer)
    })
    expect(uncalled).toEqual([])
  })

  it('has a renderer listener for every event', () => {
    expect(Object.keys(events).filter((name) => !new RegExp(`\\.\\s*${split(name)[1]}\\s*\\(`).test(renderer))).toEqual([])
  })

  it('uses every export of src/shared outside tests (in its own file, or elsewhere)', () => {
    const declared = /^export\s+(?:async\s+)?(?:function|const|let|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm
    const unused: string[] = []
    for (const [path, text] of texts) {
      if (!path.startsWith(join(ROOT, 'src/shared/'))) continue
      for (const [, name] of text.matchAll(declared)) {
        const word = new RegExp(`\\b${name}\\b`)
        const inOwnFile = (text.match(new RegExp(word, 'g')) ?? []).length > 1
        if (!inOwnFile && ![...texts].some(([other, otherText]) => other !== path && word.test(otherText))) unused.push(`${path.slice(ROOT.length + 1)}: ${name}`)
      }
    }
    expect(unused).toEqual([])
  })
})
