export { HelpPanel } from './HelpPanel'
export { SHORTCUTS, type Shortcut } from './shortcuts'
