/**
 * How a series reads its payloads. `auto` follows the profile like the viewer and search do (a pin, Sparkplug on
 * spBv1.0 topics, a Protobuf rule), else reads JSON and number text; `json` always reads JSON and number text in
 * place; the others decode each payload first and read the path in the decoded value. A Sparkplug series' path
 * names a metric, `metrics["Temperature"]` (or `metrics.Temperature`), or the payload's `timestamp`, `seq` or `bdSeq`.
 */
export const SERIES_DECODINGS = ['auto', 'json', 'cbor', 'msgpack', 'protobuf', 'sparkplug'] as const
export type SeriesDecoding = (typeof SERIES_DECODINGS)[number]

/** The decodings that decode the whole payload (the rest read JSON and number text in place). */
export type DecodedSeriesDecoding = Exclude<SeriesDecoding, 'auto' | 'json'>

/** Whether a decoder id (a pin, the viewer's choice) names a decoding a series reads by decoding. */
export function isDecodedDecoding(id: string | undefined): id is DecodedSeriesDecoding {
  return id === 'cbor' || id === 'msgpack' || id === 'protobuf' || id === 'sparkplug'
}
