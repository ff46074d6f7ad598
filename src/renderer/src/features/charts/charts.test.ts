import { describe, expect, it } from 'vitest'
import { chartsSchema, MAX_CHART_SERIES, MAX_CHARTS, type ArgsOf, type ChartDefinition, type ReplyOf, type SeriesColumns, type WatchedSeriesPoints } from '@shared/contract'
import type { SeriesListener } from '../../model'
import type { ChartMain } from '../../services/series'
import { chartToCsv, seriesLabel } from './chartCsv'
import { ChartFeed, OLDER_POINTS, QUICK_POINTS } from './chartFeed'
import { sameSeries, withPlottedSeries } from './plotSeries'
import { seriesProblem } from './SeriesForm'
import { MAX_BUFFERED_POINTS, SeriesBuffer } from './seriesBuffer'

const f64 = (...values: number[]): Float64Array => Float64Array.from(values)

function columns(topic: string, times: number[], values: number[], extra: Partial<SeriesColumns> = {}): SeriesColumns {
  return { topic, path: '', times: f64(...times), values: f64(...values), lastSeq: times.length, firstSeq: times.length > 0 ? 1 : 0, exists: true, restarted: false, limited: false, ...extra }
}

describe('series buffer', () => {
  it('appends, finds times, and gives last/min/max/mean with gaps counted', () => {
    const buffer = new SeriesBuffer()
    buffer.append(f64(10, 20, 30), f64(1, Number.NaN, 5))
    buffer.append(f64(40), f64(3))
    expect([...buffer.times]).toEqual([10, 20, 30, 40])
    expect(buffer.stats()).toEqual({ points: 4, gaps: 1, last: 3, min: 1, max: 5, mean: 3 })
    expect(buffer.stats(buffer.firstAtOrAfter(25))).toEqual({ points: 2, gaps: 0, last: 3, min: 3, max: 5, mean: 4 })
    expect([buffer.nearest(0), buffer.nearest(24), buffer.nearest(26), buffer.nearest(99)]).toEqual([0, 1, 2, 3])
    buffer.dropBefore(30)
    expect([...buffer.values]).toEqual([5, 3])
    expect(new SeriesBuffer().stats()).toMatchObject({ points: 0, last: Number.NaN, mean: Number.NaN })
  })

  it('grows past its first capacity and keeps only the newest points past its bound', () => {
    const buffer = new SeriesBuffer()
    const many = Float64Array.from({ length: MAX_BUFFERED_POINTS - 10 }, (_, i) => i)
    buffer.append(many, many)
    buffer.append(f64(1e6, 1e6 + 1, ...Array.from({ length: 18 }, (_, i) => 1e6 + 2 + i)), new Float64Array(20).fill(7))
    expect(buffer.length).toBe(MAX_BUFFERED_POINTS)
    expect(buffer.times[0]).toBe(10)
    expect(buffer.times[MAX_BUFFERED_POINTS - 1]).toBe(1e6 + 19)
    buffer.replace(f64(5), f64(6))
    expect([...buffer.times, ...buffer.values]).toEqual([5, 6])
  })
})

describe('series buffer after dropping its oldest points', () => {
  it('keeps order and statistics through drops, appends past the end of its columns, and prepends', () => {
    const buffer = new SeriesBuffer()
    const run = (from: number, n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => from + i)
    buffer.append(run(0, 1_000), run(0, 1_000))
    for (let t = 1_000; t < 5_000; t += 100) {
      buffer.dropBefore(t - 800)
      buffer.append(run(t, 100), run(t, 100))
    }
    expect([buffer.length, buffer.times[0], buffer.times[buffer.length - 1]]).toEqual([900, 4_100, 4_999])
    expect(buffer.stats(buffer.firstAtOrAfter(4_900))).toMatchObject({ points: 100, min: 4_900, max: 4_999 })
    expect(buffer.nearest(4_500.4)).toBe(400)
    buffer.prepend(run(3_000, 1_100), run(3_000, 1_100))
    expect([...buffer.values].every((v, i) => v === 3_000 + i)).toBe(true)
  })
})

/** A main that answers series queries from a list and records watches; `deliver` plays main's deltas to the listener. */
function fakeMain(replies: Array<ReplyOf<'model:series'> | Error>) {
  const asked: ArgsOf<'model:series'>[] = []
  const calls: Array<[string, unknown]> = []
  let listener: SeriesListener | null = null
  const main: ChartMain = {
    series: async (args) => {
      asked.push(args)
      const reply = replies.shift()
      if (!reply || reply instanceof Error) throw reply ?? new Error('No reply left.')
      return reply
    },
    watch: async (args) => {
      calls.push(['watch', args])
      return { watching: 1 }
    },
    unwatch: async (args) => {
      calls.push(['unwatch', args])
      return { removed: true }
    },
    listen: (_connectionId, _watchId, l) => {
      listener = l
      return () => {
        if (listener === l) listener = null
      }
    }
  }
  const deliver = (...series: WatchedSeriesPoints[]): void => listener?.points(series)
  return { main, asked, calls, deliver, reset: () => listener?.reset(), listening: () => listener !== null }
}

describe('chart feed', () => {
  const series = [{ topic: 'a', path: '', axis: 'left' as const }, { topic: 'b', path: 'x', axis: 'right' as const }]

  it('back-fills the window, then watches from its cursors and appends the points main sends', async () => {
    const fake = fakeMain([{ series: [columns('a', [1_000, 2_000], [1, 2]), columns('b', [], [], { exists: false, lastSeq: 0 })] }])
    const feed = new ChartFeed('c1', series, '1m', fake.main, () => 60_000)
    const first = feed.update()
    // A frame while the request is out asks for nothing more.
    expect(await feed.update()).toBe(false)
    expect(await first).toBe(true)
    expect(feed.exists).toEqual([true, false])
    expect(fake.asked[0]).toEqual({ connectionId: 'c1', series: [{ topic: 'a', path: '' }, { topic: 'b', path: 'x' }], since: 0, limit: QUICK_POINTS })
    await feed.update()
    const [[kind, watched]] = fake.calls as [[string, ArgsOf<'model:watchSeries'>]]
    expect(kind).toBe('watch')
    expect(watched.series).toEqual([{ topic: 'a', path: '', afterSeq: 2 }, { topic: 'b', path: 'x', afterSeq: 0 }])
    // Watching: no more requests on the following frames.
    expect(await feed.update()).toBe(false)
    expect(fake.asked).toHaveLength(1)
    fake.deliver({ index: 0, columns: columns('a', [3_000, 3_100], [3, 4], { firstSeq: 3, lastSeq: 4 }) }, { index: 1, columns: columns('b', [3_500], [9], { lastSeq: 1 }) })
    expect([...(feed.buffers[0]?.values ?? [])]).toEqual([1, 2, 3, 4])
    expect([...(feed.buffers[1]?.values ?? [])]).toEqual([9])
    expect(feed.exists).toEqual([true, true])
    // A topic that started over replaces its points.
    fake.deliver({ index: 0, columns: columns('a', [4_000], [40], { lastSeq: 1, restarted: true }) })
    expect([...(feed.buffers[0]?.values ?? [])]).toEqual([40])
    expect(feed.version).toBe(4)
  })

  it('skips points it has when main sends from an older cursor, and asks again after a reset', async () => {
    const fake = fakeMain([{ series: [columns('a', [1_000, 2_000], [1, 2]), columns('b', [], [], { lastSeq: 0 })] }])
    const feed = new ChartFeed('c1', series, 'all', fake.main, () => 60_000)
    await feed.update()
    await feed.update()
    fake.deliver({ index: 0, columns: columns('a', [3_000, 4_000], [3, 4], { firstSeq: 3, lastSeq: 4 }) })
    // Points 3..5, of which 3 and 4 are here already.
    fake.deliver({ index: 0, columns: columns('a', [3_000, 4_000, 5_000], [3, 4, 5], { firstSeq: 3, lastSeq: 5 }) })
    fake.deliver({ index: 0, columns: columns('a', [4_000], [4], { firstSeq: 4, lastSeq: 4 }) })
    expect([...(feed.buffers[0]?.values ?? [])]).toEqual([1, 2, 3, 4, 5])
    fake.reset()
    await feed.update()
    expect(fake.calls.map(([kind, args]) => [kind, (args as ArgsOf<'model:watchSeries'>).series?.map((s) => s.afterSeq)])).toEqual([
      ['watch', [2, 0]],
      ['watch', [5, 0]]
    ])
  })

  it('stops the watch when paused or disposed, and resumes from where the points stopped', async () => {
    const fake = fakeMain([{ series: [columns('a', [1_000], [1]), columns('b', [], [], { lastSeq: 0 })] }])
    const feed = new ChartFeed('c1', series, 'all', fake.main, () => 60_000)
    await feed.update()
    await feed.update()
    fake.deliver({ index: 1, columns: columns('b', [2_000], [7], { lastSeq: 1 }) })
    feed.setPaused(true)
    expect(fake.listening()).toBe(false)
    expect(await feed.update()).toBe(false)
    feed.setPaused(false)
    await feed.update()
    feed.dispose()
    expect(fake.calls.map(([kind, args]) => [kind, (args as ArgsOf<'model:watchSeries'>).series?.map((s) => s.afterSeq) ?? null])).toEqual([
      ['watch', [1, 0]],
      ['unwatch', null],
      ['watch', [1, 1]],
      ['unwatch', null]
    ])
    expect(await feed.update()).toBe(false)
  })

  it('shows the newest points first, then fills in the older ones before watching new messages', async () => {
    const fake = fakeMain([
      { series: [columns('a', [5_000, 6_000], [5, 6], { firstSeq: 5, lastSeq: 6, limited: true }), columns('b', [5_500], [1], { lastSeq: 1 })] },
      { series: [columns('a', [1_000, 2_000, 3_000, 4_000], [1, 2, 3, 4], { firstSeq: 1, lastSeq: 0 })] }
    ])
    const feed = new ChartFeed('c1', series, 'all', fake.main, () => 10_000)
    for (let i = 0; i < 3; i++) await feed.update()
    expect(fake.asked.map((a) => a.series)).toEqual([
      [{ topic: 'a', path: '' }, { topic: 'b', path: 'x' }],
      [{ topic: 'a', path: '', beforeSeq: 5 }]
    ])
    expect(fake.asked[0]?.limit).toBe(QUICK_POINTS)
    expect((fake.calls[0]?.[1] as ArgsOf<'model:watchSeries'>).series.map((s) => s.afterSeq)).toEqual([6, 1])
    expect([...(feed.buffers[0]?.values ?? [])]).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('fills in the older points a chunk at a time, each series asking from where its last chunk ended', async () => {
    const fake = fakeMain([
      { series: [columns('a', [7_000], [7], { firstSeq: 7, lastSeq: 7, limited: true }), columns('b', [6_000], [60], { firstSeq: 6, lastSeq: 6, limited: true })] },
      { series: [columns('a', [5_000, 6_000], [5, 6], { firstSeq: 5, limited: true }), columns('b', [5_000], [50], { firstSeq: 5 })] },
      { series: [columns('a', [4_000], [4], { firstSeq: 4 })] }
    ])
    const feed = new ChartFeed('c1', series, 'all', fake.main, () => 10_000)
    for (let i = 0; i < 4; i++) await feed.update()
    expect(fake.asked.map((a) => [a.limit, a.series.map((s) => s.beforeSeq)])).toEqual([
      [QUICK_POINTS, [undefined, undefined]],
      [OLDER_POINTS / 2, [7, 6]],
      [OLDER_POINTS, [5]]
    ])
    expect(fake.calls.map(([kind]) => kind)).toEqual(['watch'])
    expect([...(feed.buffers[0]?.values ?? [])]).toEqual([4, 5, 6, 7])
    expect([...(feed.buffers[1]?.values ?? [])]).toEqual([50, 60])
  })

  it('drops points that leave the window, and says in a sentence when main cannot answer', async () => {
    let now = 100_000
    const fake = fakeMain([{ series: [columns('a', [30_000, 90_000], [1, 2])] }])
    const feed = new ChartFeed('c1', series.slice(0, 1), '1m', fake.main, () => now)
    await feed.update()
    expect([...(feed.buffers[0]?.times ?? [])]).toEqual([90_000])
    await feed.update()
    now = 200_000
    fake.deliver({ index: 0, columns: columns('a', [150_000, 190_000], [3, 4], { firstSeq: 3, lastSeq: 4 }) })
    expect([...(feed.buffers[0]?.times ?? [])]).toEqual([150_000, 190_000])
    feed.clear()
    expect(feed.buffers[0]?.length).toBe(0)
    const failing = new ChartFeed('c1', series.slice(0, 1), '1m', fakeMain([new Error('No connection "c1" is open.')]).main, () => now)
    await failing.update()
    expect(failing.error).toBe('The chart could not read its points: No connection "c1" is open. It tries again on the next frame.')
  })
})

describe('adding series', () => {
  const chart = (id: string, count: number): ChartDefinition => ({
    id,
    title: `Chart ${id}`,
    series: Array.from({ length: count }, (_, i) => ({ topic: `t/${id}/${i}`, path: '', axis: 'left' as const })),
    window: '10m',
    style: 'lines'
  })

  it('goes on the first chart with room, a new chart when all are full, and never twice', () => {
    const plotted = withPlottedSeries([chart('a', MAX_CHART_SERIES), chart('b', 1)], { topic: 'x', path: 'v', axis: 'left' }, () => 'new')
    expect(Array.isArray(plotted) && plotted.map((c) => c.series.length)).toEqual([MAX_CHART_SERIES, 2])
    const fresh = withPlottedSeries([chart('a', MAX_CHART_SERIES)], { topic: 'x', path: '', axis: 'left' }, () => 'new')
    expect(Array.isArray(fresh) && fresh[1]).toMatchObject({ id: 'new', title: 'Chart 2', series: [{ topic: 'x' }] })
    const again = withPlottedSeries([chart('a', 1)], { topic: 't/a/0', path: '', axis: 'right' }, () => 'new')
    expect(again).toEqual([chart('a', 1)])
    const full = withPlottedSeries(Array.from({ length: MAX_CHARTS }, (_, i) => chart(String(i), MAX_CHART_SERIES)), { topic: 'x', path: '', axis: 'left' }, () => 'new')
    expect(full).toEqual({ problem: `Every chart is full and a profile keeps at most ${MAX_CHARTS} charts. Remove a series or a chart first.` })
  })

  it('refuses invalid topics and paths, duplicates and a full chart with a sentence', () => {
    const existing = chart('a', 1).series
    expect(seriesProblem({ topic: 'plant/+/temp', path: '', axis: 'left' }, [])).toMatch(/wildcard|\+/i)
    expect(seriesProblem({ topic: 'plant/temp', path: 'a[', axis: 'left' }, [])).toMatch(/^The field path "a\[" is not valid/)
    expect(seriesProblem({ topic: 't/a/0', path: '', axis: 'right' }, existing)).toBe('This chart already plots that topic and field.')
    expect(seriesProblem({ topic: 'x', path: '', axis: 'left' }, chart('b', MAX_CHART_SERIES).series)).toMatch(/at most/)
    expect(seriesProblem({ topic: 'plant/temp', path: 'values[2].c', axis: 'left' }, existing)).toBeNull()
  })
})

describe('series of decoded payloads', () => {
  it('asks main for a series\' decoding and watches with it, and leaves it out for auto as saved charts do', async () => {
    const decoded = [{ topic: 'd/cbor', path: 't', axis: 'left' as const, decoding: 'cbor' as const }, { topic: 'd/json', path: 'v', axis: 'left' as const }]
    const fake = fakeMain([{ series: [columns('d/cbor', [1_000], [21.5]), columns('d/json', [], [], { lastSeq: 0 })] }])
    const feed = new ChartFeed('c1', decoded, '1m', fake.main, () => 60_000)
    await feed.update()
    expect(fake.asked[0]?.series).toEqual([{ topic: 'd/cbor', path: 't', decoding: 'cbor' }, { topic: 'd/json', path: 'v' }])
    await feed.update()
    const [[, watched]] = fake.calls as [[string, ArgsOf<'model:watchSeries'>]]
    expect(watched.series).toEqual([{ topic: 'd/cbor', path: 't', decoding: 'cbor', afterSeq: 1 }, { topic: 'd/json', path: 'v', afterSeq: 0 }])
  })

  it('tells series apart by their decoding, auto being the same as none, and labels a chosen one', () => {
    const plain = { topic: 'd/x', path: 't', axis: 'left' as const }
    expect(sameSeries(plain, { ...plain, decoding: 'auto' })).toBe(true)
    expect(sameSeries(plain, { ...plain, decoding: 'cbor' })).toBe(false)
    expect(seriesProblem({ ...plain, decoding: 'cbor' }, [plain])).toBeNull()
    expect(seriesProblem({ ...plain, decoding: 'auto' }, [plain])).toBe('This chart already plots that topic and field.')
    expect(seriesLabel({ ...plain, decoding: 'sparkplug' })).toBe('d/x › t (Sparkplug B)')
    expect(seriesLabel({ ...plain, decoding: 'auto' })).toBe('d/x › t')
  })

  it('loads charts saved before decodings existed, and refuses an unknown decoding', () => {
    const saved = chartsSchema.parse([{ id: 'a', series: [{ topic: 'old/t', path: 'v' }] }])
    expect(saved[0]?.series[0]).toEqual({ topic: 'old/t', path: 'v', axis: 'left' })
    expect(chartsSchema.parse([{ id: 'a', series: [{ topic: 's', path: 'metrics["T"]', decoding: 'sparkplug' }] }])[0]?.series[0]?.decoding).toBe('sparkplug')
    expect(chartsSchema.safeParse([{ id: 'a', series: [{ topic: 's', decoding: 'yaml' }] }]).success).toBe(false)
  })
})

describe('CSV of a chart', () => {
  it('lists every point in time order across series, a gap with an empty value', () => {
    const a = new SeriesBuffer()
    a.append(f64(1_000, 3_000), f64(1.5, 2))
    const b = new SeriesBuffer()
    b.append(f64(2_000, 3_000), f64(Number.NaN, 7))
    const csv = chartToCsv([{ topic: 'a', path: '', axis: 'left' }, { topic: 'b,c', path: 'x.y', axis: 'right' }], [a, b])
    expect(csv.split('\r\n')).toEqual([
      'received_at,epoch_ms,topic,field,value',
      '1970-01-01T00:00:01.000Z,1000,a,,1.5',
      '1970-01-01T00:00:02.000Z,2000,"b,c",x.y,',
      '1970-01-01T00:00:03.000Z,3000,a,,2',
      '1970-01-01T00:00:03.000Z,3000,"b,c",x.y,7',
      ''
    ])
  })
})
