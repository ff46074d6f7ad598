import { compileProtobufSchemas, DECODER_IDS, payloadDecoders, protobufMessageTypes, type DecoderId, type ProtoFile } from '@shared/decoders'

/** The files with the added ones: a file added under a name already listed replaces it (a newer version). */
export function withProtoFiles(current: readonly ProtoFile[], added: readonly ProtoFile[]): ProtoFile[] {
  const names = new Set(added.map((file) => file.name))
  return [...current.filter((file) => !names.has(file.name)), ...added]
}

/** The message types the files define, for a rule's type menu; none while the files do not compile. */
export function messageTypesOf(files: readonly ProtoFile[]): string[] {
  if (files.length === 0) return []
  const compiled = compileProtobufSchemas(files, [])
  return 'schemas' in compiled ? protobufMessageTypes(compiled.schemas) : []
}

/** The decoder menu of a pin: every decoder by the name the viewer uses. */
export const PIN_OPTIONS: readonly { value: DecoderId; label: string }[] = DECODER_IDS.map((id) => ({ value: id, label: payloadDecoders[id].label }))
