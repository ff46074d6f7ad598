// Sparkplug B 3.0: a stateful decoder (births, deaths, seq) for spBv1.0 topics.
export { sparkplugDecoder, sparkplugResult, isSparkplugTopic, type SparkplugContext } from './decoder'
export { SparkplugState } from './state'
export { metricRows, sparkplugSummary, type SparkplugMetricRow } from './summary'
export { DATATYPES, datatypeName, type SparkplugDataType } from './datatypes'
export { parseTopic, type SparkplugTopic } from './topic'
export { decodeWithHistory, type SparkplugHistory, type SparkplugStoredMessage } from './replay'
export type * from './types'
