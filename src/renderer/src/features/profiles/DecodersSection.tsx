import type { DecoderPrefs } from '@shared/contract'
import { topicFilterProblem } from '@shared/topics'
import { SelectField, TextField } from '../../components/FormFields'
import { PIN_OPTIONS } from './decoderDraft'
import type { SectionProps } from './ProfileSections'
import { ProtobufEditor } from './ProtobufEditor'

/** The profile's decoder settings: .proto files and rules for Protobuf, and a decoder pinned per topic filter. */
export function DecodersSection({ draft, problems, change }: SectionProps): React.JSX.Element {
  const prefs = draft.decoders
  const set = (patch: Partial<DecoderPrefs>): void => change({ decoders: { ...prefs, ...patch } })
  const patchPin = (index: number, patch: Partial<DecoderPrefs['pins'][number]>): void => set({ pins: prefs.pins.map((pin, i) => (i === index ? { ...pin, ...patch } : pin)) })
  return (
    <fieldset>
      <legend>Decoders</legend>
      <ProtobufEditor prefs={prefs} problems={problems} set={set} />
      <h4 className="decoder-heading">Pinned decoders</h4>
      <p className="muted">The viewer, the history and the tree read topics matching a pin's filter with its decoder, unless you choose another; the first matching pin wins.</p>
      {prefs.pins.map((pin, index) => (
        <div key={index} className="row" role="group" aria-label={`Decoder pin ${index + 1}`}>
          <div className="grow">
            <TextField
              label="Topic filter"
              value={pin.filter}
              onChange={(filter) => patchPin(index, { filter })}
              problem={(pin.filter ? topicFilterProblem(pin.filter) : null) ?? problems[`decoders.pins.${index}.filter`]}
            />
          </div>
          <SelectField label="Decoder" value={pin.decoder} options={PIN_OPTIONS} onChange={(decoder) => patchPin(index, { decoder })} problem={problems[`decoders.pins.${index}.decoder`]} />
          <button type="button" className="btn small danger" aria-label={`Remove decoder pin ${pin.filter || index + 1}`} onClick={() => set({ pins: prefs.pins.filter((_, i) => i !== index) })}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="btn small" onClick={() => set({ pins: [...prefs.pins, { filter: '', decoder: 'json' }] })}>
        Pin a decoder
      </button>
    </fieldset>
  )
}
