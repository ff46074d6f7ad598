export { BrokerStatsPanel } from './BrokerStatsPanel'
