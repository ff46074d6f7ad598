import { describe, expect, it } from 'vitest'
import { runSmokeTest, type SmokeTestHost } from './smokeTest'

function host(evaluate: SmokeTestHost['evaluate']): SmokeTestHost & { lines: string[]; code: number | undefined; probes: string[] } {
  const record = {
    lines: [] as string[],
    code: undefined as number | undefined,
    probes: [] as string[],
    evaluate: (code: string) => {
      record.probes.push(code)
      return evaluate(code)
    },
    write: (line: string) => void record.lines.push(line),
    exit: (code: number) => void (record.code = code)
  }
  return record
}

describe('--smoke-test', () => {
  it('asks app:capabilities through the preload, prints the reply and exits 0', async () => {
    const h = host(async () => ({ ok: true, value: { nativeFilePicker: true } }))
    await runSmokeTest(h)
    expect(h.probes).toEqual(['window.main.api.app.capabilities({})'])
    expect(h.lines).toEqual(['Smoke test passed: app:capabilities {"nativeFilePicker":true}'])
    expect(h.code).toBe(0)
  })

  it('exits 1 with the reason when the bridge is missing, the request fails, the page throws or hangs', async () => {
    const cases: Array<[SmokeTestHost['evaluate'], RegExp]> = [
      [async () => undefined, /no bridge \(window\.main\): the preload did not run/],
      [async () => ({ ok: false, error: { code: 'internal', message: 'Nothing works.' } }), /answered "Nothing works\."/],
      [async () => Promise.reject(new Error("Cannot read properties of undefined (reading 'api')")), /reading 'api'/],
      [() => new Promise(() => undefined), /did not answer app:capabilities within 0\.05 s/]
    ]
    for (const [evaluate, expected] of cases) {
      const h = host(evaluate)
      await runSmokeTest(h, 50)
      expect(h.lines).toHaveLength(1)
      expect(h.lines[0]).toMatch(/^Smoke test failed: /)
      expect(h.lines[0]).toMatch(expected)
      expect(h.code).toBe(1)
    }
  })
})
