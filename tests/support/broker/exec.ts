import { execFile } from 'node:child_process'

/** Runs a program (no shell) and fails with its stderr when it exits non-zero or takes over 20 s. */
export function run(program: string, args: string[], cwd?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(program, args, { cwd, timeout: 20_000 }, (error, stdout, stderr) => {
      if (!error) resolve(stdout)
      else if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new Error(`${program} was not found; install it to run the broker tests.`))
      } else reject(new Error(`${program} ${args.join(' ')} failed: ${stderr.trim() || error.message}`))
    })
  })
}
