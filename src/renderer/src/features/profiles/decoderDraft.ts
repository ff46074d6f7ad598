import { compileProtobufSchemas, DECODER_IDS, payloadDecoders, protobufMessageTypes, type DecoderId, type ProtoFile } from '@shared/decoders'

/** The files with the added ones: a file added under a name already listed replaces it (a newer version). */
export function withProtoFiles(current: readonly ProtoFile[], added: readonly ProtoFile[]): ProtoFile[] {
  const names = new Set(added.map((file) => file.name))
  return [...current.filter((file) => !names.has(file.name)), ...added]
}

/** What the .proto files alone give: their message types (for a rule's type menu), or why they do not compile. */
export interface ProtoFilesOutline {
  types: string[]
  error: string | null
}

// The form validates on every keystroke; the files only change when one is added or removed.
const outlines = new WeakMap<readonly ProtoFile[], ProtoFilesOutline>()

export function protoFilesOutline(files: readonly ProtoFile[]): ProtoFilesOutline {
  const cached = outlines.get(files)
  if (cached) return cached
  const compiled = files.length === 0 ? null : compileProtobufSchemas(files, [])
  const outline: ProtoFilesOutline =
    compiled === null ? { types: [], error: null } : 'schemas' in compiled ? { types: protobufMessageTypes(compiled.schemas), error: null } : { types: [], error: compiled.error }
  outlines.set(files, outline)
  return outline
}

/** The decoder menu of a pin: every decoder by the name the viewer uses. */
export const PIN_OPTIONS: readonly { value: DecoderId; label: string }[] = DECODER_IDS.map((id) => ({ value: id, label: payloadDecoders[id].label }))
