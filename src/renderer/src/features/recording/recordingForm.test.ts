import { describe, expect, it } from 'vitest'
import { emptyRecordingDraft, recordingRequestOf } from './recordingForm'

describe('the record dialog', () => {
  it('records everything when no filter is given, and leaves out empty limits', () => {
    expect(recordingRequestOf(emptyRecordingDraft)).toEqual({ request: { filters: [] }, problems: {} })
  })

  it('takes one filter per line, a name and whole-number limits', () => {
    const { request } = recordingRequestOf({ name: ' Line 4 ', filters: 'line4/#\n\n  plant/+/temp ', maxMegabytes: '500', maxMinutes: '90' })
    expect(request).toEqual({ name: 'Line 4', filters: ['line4/#', 'plant/+/temp'], maxMegabytes: 500, maxMinutes: 90 })
  })

  it('names the filter that is not valid and says what the limits take', () => {
    const { request, problems } = recordingRequestOf({ name: '', filters: 'ok/#\nbad/#/x', maxMegabytes: '1.5', maxMinutes: '0' })
    expect(request).toBeNull()
    expect(problems.filters).toMatch(/^"bad\/#\/x": /)
    expect(problems.maxMegabytes).toBe('The size limit (MB) is a whole number from 1 to 1,000,000, or empty for none.')
    expect(problems.maxMinutes).toBe('The time limit (minutes) is a whole number from 1 to 525,600, or empty for none.')
  })
})
