import { topicFilterProblem } from '@shared/topics'
import type { RecordingRequest } from '../../stores/recordings'

/** What the record dialog holds, as typed. */
export interface RecordingDraft {
  name: string
  /** One filter per line; none records everything. */
  filters: string
  maxMegabytes: string
  maxMinutes: string
}

export const emptyRecordingDraft: RecordingDraft = { name: '', filters: '', maxMegabytes: '', maxMinutes: '' }

export type RecordingProblems = Partial<Record<keyof RecordingDraft, string>>

function whole(text: string, max: number, what: string): { value?: number; problem?: string } {
  const trimmed = text.trim()
  if (trimmed === '') return {}
  const value = Number(trimmed)
  if (!Number.isInteger(value) || value < 1 || value > max) return { problem: `The ${what} is a whole number from 1 to ${max.toLocaleString('en')}, or empty for none.` }
  return { value }
}

/** The request the draft stands for, or the problems that keep it from being sent. */
export function recordingRequestOf(draft: RecordingDraft): { request: RecordingRequest | null; problems: RecordingProblems } {
  const problems: RecordingProblems = {}
  const filters = draft.filters
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
  const bad = filters.map((filter) => [filter, topicFilterProblem(filter)] as const).find(([, problem]) => problem)
  if (bad) problems.filters = `"${bad[0]}": ${bad[1]}`
  const size = whole(draft.maxMegabytes, 1_000_000, 'size limit (MB)')
  if (size.problem) problems.maxMegabytes = size.problem
  const minutes = whole(draft.maxMinutes, 525_600, 'time limit (minutes)')
  if (minutes.problem) problems.maxMinutes = minutes.problem
  if (Object.keys(problems).length > 0) return { request: null, problems }
  const name = draft.name.trim()
  return {
    request: {
      filters,
      ...(name ? { name } : {}),
      ...(size.value === undefined ? {} : { maxMegabytes: size.value }),
      ...(minutes.value === undefined ? {} : { maxMinutes: minutes.value })
    },
    problems
  }
}
