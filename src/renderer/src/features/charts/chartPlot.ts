import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { ChartDefinition } from '@shared/contract'
import type { ChartFeed } from './chartFeed'
import { seriesLabel } from './chartCsv'
import { Decimated } from './decimate'
import { SERIES_COLORS } from './seriesColors'


/** A time span the user zoomed to (main's milliseconds); null follows the window up to now. */
export type Zoom = { min: number; max: number } | null

export interface PlotHandlers {
  /** The user dragged over a span: zoom to it. */
  onZoom(zoom: Zoom): void
  /** The cursor moved: the time under it, or null when it left the plot. */
  onHover(time: number | null): void
}

/** A drawn chart over a feed's columns; the owner calls redraw when the feed or the zoom changes. */
export interface Plot {
  redraw(zoom: Zoom): void
  resize(width: number, height: number): void
  /** The chart as a PNG image (plot and axes, drawn on one canvas). */
  png(): Promise<Blob>
  destroy(): void
}

/**
 * Draws a chart with uPlot in its faceted mode (each series has its own time column: series arrive at their
 * own times and a burst repeats times, so no shared x column is built). Each redraw draws a decimation of the
 * span in view to the plot's pixel columns (see Decimated), so a zoom decimates the zoomed span again. Scales
 * come from the feed (the window or the zoom for time, the visible points for each y-axis), not from uPlot's
 * auto-ranging.
 */
export function createPlot(container: HTMLElement, chart: ChartDefinition, feed: ChartFeed, handlers: PlotHandlers, size: { width: number; height: number }): Plot {
  let zoom: Zoom = null
  const timeRange = (): [number, number] => {
    if (zoom) return [zoom.min, zoom.max]
    const latest = feed.latestTime()
    if (chart.window !== 'all') return [feed.windowStart(), latest]
    const first = Math.min(...feed.buffers.map((b) => (b.length > 0 ? (b.times[0] as number) : latest)))
    return [first, first === latest ? latest + 1_000 : latest]
  }
  // The span of the last decimation: the scales must show exactly what was decimated for.
  let span = timeRange()
  const decimated = feed.buffers.map(() => new Decimated())
  // Pixel columns of the plot area (canvas pixels); the whole width until uPlot has laid out its axes.
  let columns = Math.max(1, Math.round(size.width * (globalThis.devicePixelRatio || 1)))
  const valueRange = (axis: 'left' | 'right') => (): [number, number] => {
    let min = Number.POSITIVE_INFINITY
    let max = Number.NEGATIVE_INFINITY
    chart.series.forEach((series, i) => {
      const points = decimated[i]
      if (series.axis !== axis || !points) return
      // Every column keeps its lowest and highest point, so these are the extremes of all points in view.
      min = Math.min(min, points.min)
      max = Math.max(max, points.max)
    })
    if (min > max) return [0, 1]
    const pad = min === max ? Math.max(Math.abs(min) * 0.1, 1) : (max - min) * 0.05
    return [min - pad, max + pad]
  }
  const pathsFor = chart.style === 'step' ? uPlot.paths.stepped?.({ align: 1 }) : chart.style === 'points' ? () => null : uPlot.paths.linear?.()
  const hasRight = chart.series.some((s) => s.axis === 'right')
  // The canvas knows no CSS variables: axes take the text colour the theme gives the container.
  const ink = getComputedStyle(container).color || '#888888'
  const options: uPlot.Options = {
    mode: 2,
    ms: 1,
    width: size.width,
    height: size.height,
    legend: { show: false },
    scales: {
      x: { time: true, range: () => span },
      y: { range: valueRange('left') },
      y2: { range: valueRange('right') }
    },
    axes: [
      { scale: 'x', stroke: ink },
      { scale: 'y', stroke: ink },
      ...(hasRight ? [{ scale: 'y2', side: 1, stroke: ink, grid: { show: false } }] : [])
    ],
    series: [
      {},
      ...chart.series.map((series, i) => {
        const scale = series.axis === 'right' ? 'y2' : 'y'
        return {
          label: seriesLabel(series),
          stroke: SERIES_COLORS[i % SERIES_COLORS.length],
          scale,
          facets: [{ scale: 'x', auto: true }, { scale, auto: true }],
          ...(pathsFor ? { paths: pathsFor } : {}),
          points: { show: chart.style === 'points', size: 4, fill: SERIES_COLORS[i % SERIES_COLORS.length] }
        } as uPlot.Series
      })
    ],
    cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
    hooks: {
      setSelect: [
        (u) => {
          if (u.select.width < 3) return
          handlers.onZoom({ min: u.posToVal(u.select.left, 'x'), max: u.posToVal(u.select.left + u.select.width, 'x') })
          u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false)
        }
      ],
      setCursor: [(u) => handlers.onHover(u.cursor.left === undefined || u.cursor.left < 0 ? null : u.posToVal(u.cursor.left, 'x'))]
    }
  }
  const data = (): uPlot.AlignedData => {
    span = timeRange()
    const [from, to] = span
    return [
      null,
      ...feed.buffers.map((buffer, i) => {
        const points = decimated[i] as Decimated
        points.fill(buffer.times, buffer.values, buffer.length, from, to, columns, buffer.generation)
        return [points.times.subarray(0, points.length), points.values.subarray(0, points.length)]
      })
    ] as unknown as uPlot.AlignedData
  }
  const plot = new uPlot(options, data(), container)
  const measure = (): void => {
    columns = Math.max(1, Math.round(plot.bbox.width))
  }
  measure()
  return {
    redraw(next) {
      zoom = next
      plot.setData(data())
    },
    resize(width, height) {
      plot.setSize({ width, height })
      // A wider plot has more columns: decimate again for them.
      measure()
      plot.setData(data())
    },
    png() {
      return new Promise((resolve, reject) => plot.ctx.canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not draw the chart as an image.'))), 'image/png'))
    },
    destroy() {
      plot.destroy()
    }
  }
}
