export { RecordControl } from './RecordControl'
export { RecordingsList } from './RecordingsList'
export { RecordingHeader } from './RecordingHeader'
