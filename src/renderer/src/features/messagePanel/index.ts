export { MessagePanel } from './MessagePanel'
