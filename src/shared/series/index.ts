// What a chart can plot: field paths into JSON payloads and decoded values, and the numbers payloads hold (pure,
// used by main's series query and by the renderer's chart editor).
export { extractField, formatFieldPath, isPathError, parseFieldPath, MAX_FIELD_PATH_LENGTH, type FieldPath, type FieldStep } from './fieldPath'
export { parseNumberText, payloadNumber, payloadReader, plotNumber, type PayloadReader } from './values'
export { plottableFields, plottableValueFields } from './plottableFields'
export { isDecodedDecoding, SERIES_DECODINGS, type DecodedSeriesDecoding, type SeriesDecoding } from './decodings'
export { sparkplugFields } from './sparkplugFields'
