import { afterEach, describe, expect, it } from 'vitest'
import type { PickFileRequest } from '../../shared/contract'
import { tempDataDir } from '../profiles/testSupport'
import type { FilePicker } from '../ports/filePicker'
import { createMainServices, type MainServices } from '../services'
import { dispatch } from './handlerTable'
import { createHandlerTable } from './handlers'
import { testReceiver } from '../../../tests/support/deltaReceiver'

// Through the real handler table, as the Electron adapter (with the native dialog) and the headless
// server (without one) dispatch into it.
let data: ReturnType<typeof tempDataDir> | undefined
let services: MainServices | undefined

function tableWith(pickFiles?: FilePicker): (name: string, args: unknown) => Promise<unknown> {
  data = tempDataDir()
  services = createMainServices({ dataDir: data.dir, emit: () => undefined, ...(pickFiles && { pickFiles }) })
  const table = createHandlerTable(services)
  return (name, args) => dispatch(table, name, args, testReceiver())
}

afterEach(async () => {
  await services?.dispose()
  data?.cleanup()
})

describe('app handlers with the native file picker', () => {
  it('says the picker exists and returns the paths the user chose for each request', async () => {
    const asked: PickFileRequest[] = []
    const chosen: string[][] = [['/certs/ca-1.pem', '/certs/ca-2.pem'], ['/keys/client.key']]
    const call = tableWith(async (request) => {
      asked.push(request)
      return chosen.shift() ?? []
    })
    expect(await call('app:capabilities', {})).toEqual({ ok: true, value: { nativeFilePicker: true, peerDiscovery: false } })
    expect(await call('app:pickFile', { purpose: 'ca', multiple: true })).toEqual({ ok: true, value: { paths: ['/certs/ca-1.pem', '/certs/ca-2.pem'] } })
    expect(await call('app:pickFile', { purpose: 'key', multiple: false })).toEqual({ ok: true, value: { paths: ['/keys/client.key'] } })
    expect(asked).toEqual([
      { purpose: 'ca', multiple: true },
      { purpose: 'key', multiple: false }
    ])
  })

  it('answers an empty list when the user cancels', async () => {
    const call = tableWith(async () => [])
    expect(await call('app:pickFile', { purpose: 'cert', multiple: false })).toEqual({ ok: true, value: { paths: [] } })
  })

  it('refuses a purpose it does not know before the dialog opens', async () => {
    let opened = false
    const call = tableWith(async () => {
      opened = true
      return []
    })
    const reply = await call('app:pickFile', { purpose: 'passwords', multiple: false })
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect(opened).toBe(false)
  })
})

describe('app handlers without a picker (headless mode)', () => {
  it('says there is no picker and explains that paths are typed', async () => {
    const call = tableWith()
    expect(await call('app:capabilities', {})).toEqual({ ok: true, value: { nativeFilePicker: false, peerDiscovery: false } })
    expect(await call('app:pickFile', { purpose: 'ca', multiple: true })).toEqual({
      ok: false,
      error: { code: 'unsupported', message: 'Choosing files needs the desktop app; type the path of the file on the gateway instead.' }
    })
  })
})
