import type { TreeSearch } from '../../stores/treeSearch'

const count = (n: number): string => n.toLocaleString('en-US')
const topics = (n: number): string => `${count(n)} ${n === 1 ? 'topic' : 'topics'}`

/** The sentence under the filter box about main's search: how far it got, and why it stopped early. */
export function searchStatusText(search: TreeSearch): string | null {
  const { status, scanned, total, request } = search
  if (search.problem) return null
  switch (status) {
    case null:
      return total > 0 ? `Searching… ${count(scanned)} of ${topics(total)} so far.` : 'Searching…'
    case 'limit':
      return `Stopped after ${count(request.limit ?? 0)} matching topics: narrow the search.`
    case 'timeout':
      return `Stopped after ${count(Math.round((request.timeLimitMs ?? 0) / 1000))} seconds, ${count(scanned)} of ${topics(total)} searched: narrow the search.`
    case 'cancelled':
      return null
    case 'complete':
      return `${search.topics.size === 0 ? 'No' : count(search.topics.size)} matching ${search.topics.size === 1 ? 'topic' : 'topics'} of ${topics(total)}. Press Enter to search again with new messages.`
  }
}
