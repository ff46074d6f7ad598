import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

/** Where a Chromium-based browser is usually installed, per platform, in the order they are tried. */
export function browserCandidates(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['LOCALAPPDATA']].filter((root): root is string => Boolean(root))
    return roots.flatMap((root) => [
      join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      join(root, 'Chromium', 'Application', 'chrome.exe'),
      join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe')
    ])
  }
  if (platform === 'darwin') {
    const apps = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge']
    return ['/Applications', join(env['HOME'] ?? '~', 'Applications')].flatMap((root) => apps.map((app) => join(root, app)))
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge'
  ]
}

/** Playwright's own Chromium, where `npx playwright install chromium` could download it. */
function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath()
  } catch {
    return undefined
  }
}

/** The browser the e2e tests and bench:ui drive: CHROMIUM_PATH, else the system's Chromium, Chrome or Edge, else Playwright's. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): string | undefined {
  const chosen = env['CHROMIUM_PATH']
  if (chosen) return exists(chosen) ? chosen : undefined
  const own = playwrightChromium()
  return [...browserCandidates(process.platform, env), ...(own ? [own] : [])].find((path) => exists(path))
}

/** The one line said when there is no browser: how to get one. */
export function noBrowserAdvice(env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env['CHROMIUM_PATH']
  const why = chosen ? `CHROMIUM_PATH=${chosen} does not exist` : 'No Chromium, Chrome or Edge was found'
  return `${why}: the end-to-end tests were not run. Install one (Debian/Ubuntu: apt-get install chromium), or point CHROMIUM_PATH at a Chromium-based browser.`
}
