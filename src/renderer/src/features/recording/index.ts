export { RecordControl } from './RecordControl'
export { RecordingsList } from './RecordingsList'
