import { randomBytes } from 'node:crypto'
import { rename, rm, writeFile } from 'node:fs/promises'
import { isAbsolute } from 'node:path'
import { z } from 'zod'
import { LEGACY_PROFILE_EXPORT_FORMAT, PROFILE_EXPORT_FORMAT, UserFacingError, chartsSchema, profileRequests, profileSaveSchema, sequencesSchema, type ImportRejection, type Profile } from '../../shared/contract'
import { parseWithBytes, stringifyWithBytes } from './jsonBytes'
import type { ProfileService } from './profileService'

const EXPORT_VERSION = 1
const templateSchema = profileRequests['profile:saveTemplate'].args.shape.template
const importTemplatesSchema = z.array(templateSchema).default([])
const importChartsSchema = chartsSchema.default([])
const importSequencesSchema = sequencesSchema.default([])

/** Export text of the chosen profiles (all when `ids` is absent); secrets only when asked, then in clear. */
export function exportProfiles(
  service: ProfileService,
  request: { ids?: string[]; includeSecrets: boolean },
  now = new Date()
): { json: string; count: number; suggestedFileName: string; warnings: string[] } {
  const warnings: string[] = []
  const profiles = service.stored(request.ids).map((profile) => {
    const { id: _id, secrets: _secrets, createdAt: _c, updatedAt: _u, templates, ...rest } = profile
    const entry: Record<string, unknown> = { ...rest, templates: templates.map(({ id: _t, updatedAt: _tu, ...template }) => template) }
    if (request.includeSecrets) {
      for (const which of ['password', 'keyPassphrase'] as const) {
        try {
          const secret = service.openSecret(profile, which)
          if (secret !== undefined) entry[which] = secret
        } catch (error) {
          warnings.push(`${error instanceof Error ? error.message : String(error)} It was left out of the export.`)
        }
      }
    }
    return entry
  })
  const document = { format: PROFILE_EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: now.toISOString(), includesSecrets: request.includeSecrets, profiles }
  return {
    json: stringifyWithBytes(document, 2),
    count: profiles.length,
    suggestedFileName: `brokerscope-profiles-${now.toISOString().slice(0, 10)}.json`,
    warnings
  }
}

/** Writes an export where the user chose, atomically; a file with secrets is readable by the owner only. */
export async function writeExportFile(filePath: string, json: string, withSecrets: boolean): Promise<void> {
  if (!isAbsolute(filePath) || !filePath.toLowerCase().endsWith('.json')) {
    throw new UserFacingError('invalid-argument', `Profiles are exported to a .json file with a full path; "${filePath}" is not one. Choose the file again.`)
  }
  const temporary = `${filePath}.${randomBytes(6).toString('hex')}.tmp`
  try {
    await writeFile(temporary, json, { mode: withSecrets ? 0o600 : 0o644, flag: 'wx' })
    await rename(temporary, filePath)
  } catch (error) {
    await rm(temporary, { force: true })
    const detail = error instanceof Error ? error.message : String(error)
    throw new UserFacingError('file-unreadable', `The export could not be written to ${filePath} (${detail}). Choose a folder you can write to.`)
  }
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`
}

function entriesOf(document: unknown): unknown[] {
  if (Array.isArray(document)) return document
  if (document === null || typeof document !== 'object') {
    throw new UserFacingError('invalid-argument', 'This file does not contain profiles, so nothing was imported. Choose a file exported from Brokerscope.')
  }
  const { format, version, profiles } = document as Record<string, unknown>
  if ((format !== PROFILE_EXPORT_FORMAT && format !== LEGACY_PROFILE_EXPORT_FORMAT) || !Array.isArray(profiles)) {
    throw new UserFacingError('invalid-argument', 'This file is not a profile export, so nothing was imported. Choose a file exported from Brokerscope.')
  }
  if (typeof version === 'number' && version > EXPORT_VERSION) {
    throw new UserFacingError('invalid-argument', `This export was made by a newer version of the app (format ${version}), so nothing was imported. Update the app and try again.`)
  }
  return profiles
}

/** Zod's own type messages are terse; a missing or mistyped field is said in words (also used by the peer importers). */
export function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'it is not a valid profile.'
  const field = issue.path.join('.')
  if (issue.code === 'invalid_type' && field !== '') {
    return issue.message.endsWith('received undefined') ? `the field "${field}" is missing.` : `the field "${field}" should be of type ${issue.expected}.`
  }
  return `${sentence(issue.message)}${field ? ` (at ${field})` : ''}`
}

function rejection(index: number, entry: unknown, reason: string): ImportRejection {
  const rawName = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>)['name'] : undefined
  const name = typeof rawName === 'string' && rawName.trim() !== '' ? rawName.trim() : undefined
  return { index, ...(name && { name }), reason: `Entry ${index + 1}${name ? ` ("${name}")` : ''} was not imported: ${reason}` }
}

/** A list kept beside the profile's fields (templates, charts, sequences), checked; its first problem said with its place. */
function parsePart<S extends z.ZodType>(schema: S, value: unknown, field: string): { data: z.output<S> } | { reason: string } {
  const parsed = schema.safeParse(value)
  if (parsed.success) return { data: parsed.data }
  const issue = parsed.error.issues[0]
  return { reason: describeIssue(issue && { ...issue, path: [field, ...issue.path] }) }
}

/** Imports profiles from export text as new profiles; every entry that fails validation is reported in a sentence. */
export function importProfiles(service: ProfileService, json: string): { imported: Profile[]; rejected: ImportRejection[]; profiles: Profile[] } {
  let document: unknown
  try {
    document = parseWithBytes(json)
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    throw new UserFacingError('invalid-argument', `The file is not valid JSON (${detail}), so nothing was imported. Choose a file exported from Brokerscope.`)
  }
  const rejected: ImportRejection[] = []
  const accepted: Parameters<ProfileService['addMany']>[0] = []
  entriesOf(document).forEach((entry, index) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return rejected.push(rejection(index, entry, 'it is not a profile.'))
    const { id: _id, templates, charts, sequences, ...fields } = entry as Record<string, unknown>
    const args = profileSaveSchema.safeParse(fields)
    if (!args.success) return rejected.push(rejection(index, entry, describeIssue(args.error.issues[0])))
    const parsedTemplates = parsePart(importTemplatesSchema, templates, 'templates')
    if ('reason' in parsedTemplates) return rejected.push(rejection(index, entry, parsedTemplates.reason))
    const parsedCharts = parsePart(importChartsSchema, charts, 'charts')
    if ('reason' in parsedCharts) return rejected.push(rejection(index, entry, parsedCharts.reason))
    const parsedSequences = parsePart(importSequencesSchema, sequences, 'sequences')
    if ('reason' in parsedSequences) return rejected.push(rejection(index, entry, parsedSequences.reason))
    accepted.push({ args: args.data, templates: parsedTemplates.data, charts: parsedCharts.data, sequences: parsedSequences.data })
  })
  const imported = service.addMany(accepted)
  return { imported, rejected, profiles: service.list() }
}
