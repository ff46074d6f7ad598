import { describe, expect, it } from 'vitest'
import { filePickerOptions } from './filePickerOptions'

describe('file picker options', () => {
  it('offers several certificate files for the CA list', () => {
    expect(filePickerOptions({ purpose: 'ca', multiple: true })).toEqual({
      title: 'Choose CA certificate files',
      properties: ['openFile', 'multiSelections'],
      filters: [
        { name: 'Certificates', extensions: ['pem', 'crt', 'cer', 'ca-bundle'] },
        { name: 'All files', extensions: ['*'] }
      ]
    })
  })

  it('offers one key file, filtered as keys, for the client key', () => {
    const options = filePickerOptions({ purpose: 'key', multiple: false })
    expect(options.properties).toEqual(['openFile'])
    expect(options.filters?.[0]).toEqual({ name: 'Private keys', extensions: ['key', 'pem'] })
  })
})
