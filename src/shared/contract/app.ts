import { z } from 'zod'
import { defineEvent, defineRequest } from './define'

/** What a file is chosen for: it decides the file-type filters the picker offers. */
export const pickFilePurposeSchema = z.enum(['ca', 'cert', 'key'])
export type PickFilePurpose = z.infer<typeof pickFilePurposeSchema>

export const pickFileArgsSchema = z.object({ purpose: pickFilePurposeSchema, multiple: z.boolean() })
/** A request to choose files on the machine running main. */
export type PickFileRequest = z.infer<typeof pickFileArgsSchema>

/** What this back end can do beyond the requests every mode answers. */
export interface AppCapabilities {
  /** A native open-file dialog is available (desktop app); otherwise paths are typed. */
  nativeFilePicker: boolean
  /** Files of other MQTT apps can be looked for in their default places: only where main runs on the user's own machine (desktop app). */
  peerDiscovery: boolean
}

export const appRequests = {
  /** What this back end offers, asked once at start so the UI shows only what works. */
  'app:capabilities': defineRequest<AppCapabilities>()(z.object({})),
  /** Opens the native file dialog; `paths` are the files the user chose, empty when they cancelled. */
  'app:pickFile': defineRequest<{ paths: string[] }>()(pickFileArgsSchema)
} as const

/** Desktop menu items the page carries out: File › New profile, the Profiles screen (after a menu import or export), Help › Keyboard shortcuts. */
export type MenuCommand = 'new-profile' | 'show-profiles' | 'shortcuts'

export const appEvents = {
  /** The user chose a menu item of the desktop app that the page carries out. */
  'app:menu': defineEvent<{ command: MenuCommand }>()
} as const
