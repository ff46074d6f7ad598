export { PublishComposer } from './PublishComposer'
