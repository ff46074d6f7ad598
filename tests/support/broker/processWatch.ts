import type { ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'

/** What a broker process printed lately and whether it ended, for the error when it fails to start. */
export interface ProcessWatch {
  output(): string
  exited(): boolean
}

/** Keeps the last 4,000 characters a child printed and notes when it exits or cannot be started. */
export function watchProcess(child: ChildProcess): ProcessWatch {
  let output = ''
  let exited = false
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4000)
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  child.once('exit', () => (exited = true))
  child.once('error', (error) => {
    exited = true
    output += `\n${error.message}`
  })
  return { output: () => output, exited: () => exited }
}

/** The last 15 lines of a broker's log file followed by what it printed. */
export function logTail(log: string, output: string): string {
  const fromFile = existsSync(log) ? readFileSync(log, 'utf8') : ''
  return (fromFile + output).trim().split('\n').slice(-15).join('\n')
}
