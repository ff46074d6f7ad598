import { findBrowser, noBrowserAdvice } from './findBrowser'

/** Runs once before the e2e tier: says in one line when there is no browser to run it with. */
export default function setup(): void {
  const browser = findBrowser()
  if (browser) console.log(`End-to-end tests drive ${browser}.`)
  else console.warn(noBrowserAdvice())
}
