import type { SparkplugMessage, SparkplugMetric, SparkplugTemplate } from '../decoders/sparkplug'

/**
 * A Sparkplug message as the value a series path reads: `{ timestamp, seq, bdSeq, metrics: { <name>: value } }`.
 * A metric sent more than once in one message keeps its last value; a Template's value is its member metrics by
 * name; metrics without a name (an alias no birth defined) are left out. A STATE message reads as `{ online }`.
 */
export function sparkplugFields(message: SparkplugMessage): Record<string, unknown> {
  if (message.type === 'STATE') return { timestamp: message.timestamp, online: message.online }
  return { timestamp: message.timestamp, seq: message.seq, bdSeq: message.bdSeq, metrics: metricsByName(message.metrics) }
}

function metricsByName(metrics: readonly SparkplugMetric[]): Record<string, unknown> {
  // No prototype: a metric may be called "__proto__" or "constructor".
  const byName: Record<string, unknown> = Object.create(null) as Record<string, unknown>
  for (const metric of metrics) if (metric.name !== undefined) byName[metric.name] = isTemplate(metric) ? metricsByName((metric.value as SparkplugTemplate).metrics) : metric.value
  return byName
}

function isTemplate(metric: SparkplugMetric): boolean {
  return metric.datatype === 'Template' && metric.value !== null && typeof metric.value === 'object'
}
