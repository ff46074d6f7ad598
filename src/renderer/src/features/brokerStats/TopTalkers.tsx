import { useState } from 'react'
import type { TalkerOrder, TalkerWindow, TopTalker } from '@shared/contract'
import { useSelectionStore } from '../../stores/selection'
import { useTreeViewStore } from '../../stores/treeView'
import { ancestorPaths } from '../topicTree'
import { formatByteRate, formatRate } from '../../lib/format'
import { sparklinePoints } from './sparkline'
import { useTopTalkers } from './useTopTalkers'

const LIMIT = 10
const SPARK_WIDTH = 240
const SPARK_HEIGHT = 32

function TalkerTable({ caption, rows, order, onOrder, onPick }: {
  caption: string
  rows: TopTalker[]
  order: TalkerOrder
  onOrder: (order: TalkerOrder) => void
  onPick: (path: string) => void
}): React.JSX.Element {
  const header = (key: TalkerOrder, label: string): React.JSX.Element => (
    <th scope="col" aria-sort={order === key ? 'descending' : 'none'}>
      <button type="button" className="link" onClick={() => onOrder(key)}>
        {label}
      </button>
    </th>
  )
  return (
    <table className="stats-table talkers">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{caption === 'Topics' ? 'Topic' : 'Subtree'}</th>
          {header('messages', 'Messages')}
          {header('bytes', 'Bytes')}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={3} className="muted">
              Nothing received in this window.
            </td>
          </tr>
        ) : (
          rows.map((row) => (
            <tr key={row.path}>
              <th scope="row">
                <button type="button" className="link mono" title="Select in the tree" onClick={() => onPick(row.path)}>
                  {row.path}
                </button>
                {row.topicCount > 1 ? <span className="muted"> ({row.topicCount.toLocaleString('en')} topics)</span> : null}
              </th>
              <td className="mono">{formatRate(row.messagesPerSecond, 'msg')}</td>
              <td className="mono">{formatByteRate(row.bytesPerSecond)}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  )
}

/** The topics and subtrees that send the most, measured in main while this is shown, and the connection's rate. */
export function TopTalkers({ connectionId }: { connectionId: string }): React.JSX.Element {
  const [window, setWindow] = useState<TalkerWindow>('10s')
  const [order, setOrder] = useState<TalkerOrder>('messages')
  const { talkers, rates, error } = useTopTalkers(connectionId, window, order, LIMIT)
  const pick = (path: string): void => {
    useTreeViewStore.getState().expandAll(connectionId, ancestorPaths(path))
    useSelectionStore.getState().selectPath(connectionId, path)
  }
  const peak = Math.max(0, ...rates)
  return (
    <div aria-label="Top talkers" role="group">
      <h3>Top talkers</h3>
      <div className="toolbar">
        <select aria-label="Rate window" value={window} onChange={(event) => setWindow(event.target.value as TalkerWindow)}>
          <option value="10s">Last 10 seconds</option>
          <option value="1m">Last minute</option>
        </select>
        <svg
          className="sparkline"
          role="img"
          aria-label={`Messages per second over the last ${rates.length} seconds, peak ${formatRate(peak, 'msg')}`}
          width={SPARK_WIDTH}
          height={SPARK_HEIGHT}
          viewBox={`0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`}
        >
          <polyline points={sparklinePoints(rates, SPARK_WIDTH, SPARK_HEIGHT)} fill="none" stroke="currentColor" strokeWidth="1.5" />
        </svg>
      </div>
      {error ? <div className="banner error" role="alert">{error}</div> : null}
      {talkers && talkers.measuredMs < (window === '10s' ? 10_000 : 60_000) ? (
        <p className="muted" role="status">
          Measuring since {Math.round(talkers.measuredMs / 1000)} s ago; rates cover that time until the window fills.
        </p>
      ) : null}
      <TalkerTable caption="Topics" rows={talkers?.topics ?? []} order={order} onOrder={setOrder} onPick={pick} />
      <TalkerTable caption="Subtrees" rows={talkers?.subtrees ?? []} order={order} onOrder={setOrder} onPick={pick} />
    </div>
  )
}
