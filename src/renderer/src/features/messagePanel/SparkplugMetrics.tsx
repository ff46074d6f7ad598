import type { SparkplugHistory, SparkplugMessage } from '@shared/decoders'
import { metricCells, sparkplugNotes } from './sparkplugTable'

/** A Sparkplug message as a metrics table (name, alias, type, value, timestamp, quality), with what the state noticed. */
export function SparkplugMetrics({ message, now }: { message: SparkplugMessage; now: SparkplugHistory['now'] }): React.JSX.Element {
  const rows = metricCells(message)
  const notes = sparkplugNotes(message, now)
  return (
    <div className="sparkplug-view">
      {notes.map((note) => (
        <div key={note} className="banner" role="status">
          {note}
        </div>
      ))}
      {rows.length > 0 ? (
        <table className="stats-table metrics-table" aria-label="Sparkplug metrics">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Alias</th>
              <th scope="col">Type</th>
              <th scope="col">Value</th>
              <th scope="col">Timestamp</th>
              <th scope="col">Quality</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                <td>{row.name}</td>
                <td className="mono">{row.alias}</td>
                <td>{row.type}</td>
                <td className="mono">{row.value}</td>
                <td className="mono">{row.timestamp}</td>
                <td>{row.quality}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  )
}
