import { useRef, useState } from 'react'
import type { DecoderPrefs } from '@shared/contract'
import type { ProtoFile } from '@shared/decoders'
import { topicFilterProblem } from '@shared/topics'
import { SelectField, TextField } from '../../components/FormFields'
import { formatByteSize } from '../../lib/bytes'
import { protoFilesOutline, withProtoFiles } from './decoderDraft'
import { PROTOBUF_PROBLEM, type DraftProblems } from './profileDraft'

interface ProtobufEditorProps {
  prefs: DecoderPrefs
  problems: DraftProblems
  set: (patch: Partial<DecoderPrefs>) => void
}

async function readFiles(list: FileList): Promise<ProtoFile[]> {
  return Promise.all([...list].map(async (file) => ({ name: file.name, source: await file.text() })))
}

/** The profile's .proto files (read in the page, so the same input works in Electron and headless) and its rules. */
export function ProtobufEditor({ prefs, problems, set }: ProtobufEditorProps): React.JSX.Element {
  const input = useRef<HTMLInputElement>(null)
  const [readProblem, setReadProblem] = useState<string | null>(null)
  const { types, error: filesError } = protoFilesOutline(prefs.protoFiles)
  const add = (list: FileList): void => {
    setReadProblem(null)
    readFiles(list).then(
      (added) => set({ protoFiles: withProtoFiles(prefs.protoFiles, added) }),
      (error: unknown) => setReadProblem(`The .proto file could not be read (${error instanceof Error ? error.message : String(error)}). Check that it is a readable text file and add it again.`)
    )
  }
  const patchRule = (index: number, change: Partial<DecoderPrefs['protobufRules'][number]>): void =>
    set({ protobufRules: prefs.protobufRules.map((rule, i) => (i === index ? { ...rule, ...change } : rule)) })
  const typeOptions = (current: string): { value: string; label: string }[] => [
    { value: '', label: types.length ? 'Choose a message type' : filesError ? 'Fix the .proto files first' : 'Add .proto files first' },
    ...(current && !types.includes(current) ? [{ value: current, label: `${current} (not in the files)` }] : []),
    ...types.map((type) => ({ value: type, label: type }))
  ]
  const compileProblem = problems[PROTOBUF_PROBLEM]
  const filesProblem = problems['decoders.protoFiles']

  return (
    <>
      <h4 className="decoder-heading">Protobuf files</h4>
      <ul className="proto-files" aria-label="Protobuf files">
        {prefs.protoFiles.map((file, index) => (
          <li key={index} className="row">
            <span className="mono grow">{file.name}</span>
            <span className="muted">{formatByteSize(new TextEncoder().encode(file.source).length)}</span>
            {problems[`decoders.protoFiles.${index}.source`] ? <span className="error-text">{problems[`decoders.protoFiles.${index}.source`]}</span> : null}
            <button type="button" className="btn small danger" aria-label={`Remove ${file.name}`} onClick={() => set({ protoFiles: prefs.protoFiles.filter((_, i) => i !== index) })}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div className="row">
        <button type="button" className="btn small" onClick={() => input.current?.click()}>
          Add .proto files
        </button>
        <span className="muted">A file added again under the same name replaces the listed one.</span>
      </div>
      <input
        ref={input}
        type="file"
        accept=".proto,text/plain"
        multiple
        hidden
        aria-label="Protobuf files to add"
        onChange={(event) => {
          const list = event.target.files
          if (list && list.length > 0) add(list)
          event.target.value = ''
        }}
      />
      {[readProblem, filesProblem, compileProblem].filter(Boolean).map((text) => (
        <p key={text} className="error-text" role="alert">
          {text}
        </p>
      ))}
      <h4 className="decoder-heading">Protobuf rules</h4>
      <p className="muted">Payloads on topics matching a rule's filter are read as its message type; the first matching rule wins.</p>
      {prefs.protobufRules.map((rule, index) => (
        <div key={index} className="row" role="group" aria-label={`Protobuf rule ${index + 1}`}>
          <div className="grow">
            <TextField
              label="Topic filter"
              value={rule.filter}
              onChange={(filter) => patchRule(index, { filter })}
              problem={(rule.filter ? topicFilterProblem(rule.filter) : null) ?? problems[`decoders.protobufRules.${index}.filter`]}
            />
          </div>
          <SelectField label="Message type" value={rule.type} options={typeOptions(rule.type)} onChange={(type) => patchRule(index, { type })} problem={problems[`decoders.protobufRules.${index}.type`]} />
          <button type="button" className="btn small danger" aria-label={`Remove Protobuf rule ${rule.filter || index + 1}`} onClick={() => set({ protobufRules: prefs.protobufRules.filter((_, i) => i !== index) })}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="btn small" onClick={() => set({ protobufRules: [...prefs.protobufRules, { filter: '', type: types.length === 1 ? (types[0] as string) : '' }] })}>
        Add Protobuf rule
      </button>
    </>
  )
}
