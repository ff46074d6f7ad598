export { ConnectionView } from './ConnectionView'
