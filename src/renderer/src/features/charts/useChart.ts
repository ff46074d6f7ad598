import { useEffect, useMemo, useRef, useState } from 'react'
import type { ChartDefinition } from '@shared/contract'
import { chartMain } from '../../services/series'
import { ChartFeed } from './chartFeed'
import { createPlot, type Plot, type Zoom } from './chartPlot'
import { tabClock } from './tabCharts'

/** The legend and the data table follow the points at most this often; the plot redraws on every frame with news. */
const LEGEND_MS = 250
const DEFAULT_HEIGHT = 240
/** A redraw within this fits a 60 Hz frame beside the rest of the page's work. */
const FRAME_BUDGET_MS = 6

export interface ChartState {
  feed: ChartFeed
  /** Changes when the legend should read the feed again (≤ 4 times a second). */
  legendTick: number
  zoom: Zoom
  setZoom(zoom: Zoom): void
  /** The time under the cursor, or null. */
  hover: number | null
  plot: React.RefObject<Plot | null>
}

/**
 * One chart's feed and plot: the feed's requests start on animation frames and its live points come with the
 * page's deltas; the plot redraws on animation frames (never per message, not while the page is hidden), is
 * made anew when the series, window or style change, and follows the size of `container`.
 */
export function useChart(connectionId: string, chart: ChartDefinition, paused: boolean, container: React.RefObject<HTMLDivElement | null>): ChartState {
  const seriesKey = JSON.stringify(chart.series)
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the feed is made anew only when what it reads changes, not for a new but equal array
  const feed = useMemo(() => new ChartFeed(connectionId, chart.series, chart.window, chartMain, tabClock(connectionId)), [connectionId, seriesKey, chart.window])
  const [zoom, setZoom] = useState<Zoom>(null)
  const [hover, setHover] = useState<number | null>(null)
  const [legendTick, setLegendTick] = useState(0)
  const plot = useRef<Plot | null>(null)
  // The frame loop reads the latest zoom and pause without being restarted for them.
  const zoomRef = useRef<Zoom>(null)
  const pausedRef = useRef(paused)
  useEffect(() => {
    pausedRef.current = paused
    feed.setPaused(paused)
  }, [feed, paused])
  useEffect(() => () => feed.dispose(), [feed])

  useEffect(() => {
    const element = container.current
    // uPlot cannot draw a chart without series (a new chart): the plot is made once one is added.
    if (!element || feed.series.length === 0) return
    // The first request goes out before the plot is made: main reads while uPlot sets up.
    void feed.update()
    const made = createPlot(element, chart, feed, { onZoom: setZoom, onHover: setHover }, { width: Math.max(element.clientWidth, 200), height: DEFAULT_HEIGHT })
    plot.current = made
    const resize = new ResizeObserver(() => made.resize(Math.max(element.clientWidth, 200), DEFAULT_HEIGHT))
    resize.observe(element)
    let frame = 0
    let drawn = -1
    let legendAt = 0
    let legendVersion = -1
    let nextDrawAt = 0
    const onFrame = (): void => {
      // The first fill runs even when paused: a paused chart opened later still shows what main kept.
      if (!pausedRef.current || drawn === -1) void feed.update()
      const now = performance.now()
      // A redraw of many points can take longer than a frame: then redraw less often (at most a third of the
      // time drawing), so scrolling and the tree stay smooth while the chart still follows.
      if (feed.version !== drawn && now >= nextDrawAt) {
        drawn = feed.version
        made.redraw(zoomRef.current)
        const cost = performance.now() - now
        nextDrawAt = now + (cost > FRAME_BUDGET_MS ? cost * 3 : 0)
      }
      if (now - legendAt >= LEGEND_MS && legendVersion !== feed.version) {
        legendAt = now
        legendVersion = feed.version
        setLegendTick(feed.version)
      }
      frame = requestAnimationFrame(onFrame)
    }
    frame = requestAnimationFrame(onFrame)
    return () => {
      cancelAnimationFrame(frame)
      resize.disconnect()
      made.destroy()
      plot.current = null
    }
    // The plot reads the chart's style through `chart`; the feed covers series and window.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [feed, chart.style])

  // A zoom (or leaving it) redraws at once, paused or not.
  useEffect(() => {
    zoomRef.current = zoom
    plot.current?.redraw(zoom)
  }, [zoom])
  return { feed, legendTick, zoom, setZoom, hover, plot }
}
