import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { UserFacingError, type BrokerCapabilities, type RequestHistoryEntry } from '@shared/contract'
import { EditorKindContext } from '../../components/code'
import { installTestMain, type TestMain } from '../../test/testMain'
import { memoryProfiles, sampleProfile } from '../../test/memoryProfiles'
import { initialPublishState, usePublishStore } from '../../stores/publish'
import { initialSelectionState, useSelectionStore } from '../../stores/selection'
import { initialSimulationsState, useSimulationsStore } from '../../stores/simulations'
import { forgetClientModel, getClientModel } from '../../model'
import { testDelta } from '../../test/deltas'
import { PublishComposer } from '.'

const ID = 'pub-test'

describe('publish composer', () => {
  let main: TestMain
  let refuse: string | null
  /** Publishes to "stuck" wait until the test answers them, like a broker that never acknowledges. */
  let answerStuck: ((error: UserFacingError) => void) | null
  /** The profile's request history as main would keep it. */
  let requests: RequestHistoryEntry[]
  beforeEach(() => {
    requests = []
    refuse = null
    answerStuck = null
    main = installTestMain({
      ...memoryProfiles([sampleProfile('p', 'P')]).handlers,
      'connection:publish': ({ topic, qos }) => {
        if (refuse) throw new UserFacingError('publish-refused', refuse)
        if (topic === 'stuck') return new Promise((_resolve, reject) => (answerStuck = reject))
        // A broker without QoS 2 (RabbitMQ) answers it with a PUBACK.
        if (topic === 'rabbit' && qos === 2) return { reasonCode: 0, downgradedTo: 1 as const }
        return { reasonCode: 0 }
      },
      'request:send': ({ topic, payload, qos }) => {
        const reply = { topic: 'brokerscope/replies/abc', payload: new TextEncoder().encode(`echo:${new TextDecoder().decode(payload)}`), receivedAt: 0 }
        requests = [{ id: String(requests.length), sentAt: 0, topic, payload, payloadCut: false, qos, correlationData: '01', responseTopic: reply.topic, outcome: { kind: 'reply', ...reply, payloadCut: false, roundTripMs: 12.5 } }, ...requests]
        return { responseTopic: reply.topic, correlationData: new Uint8Array([1]), reply, roundTripMs: 12.5 }
      },
      'request:history': () => ({ entries: requests }),
      'request:clearHistory': () => ({ entries: (requests = []) }),
      'simulation:start': ({ simulationId, connectionId, ratePerSecond }) => ({ simulationId, connectionId, state: 'running' as const, ratePerSecond, sent: 0, acknowledged: 0, refused: 0, lastError: null }),
      'simulation:stop': ({ simulationId }) => ({ simulationId, connectionId: ID, state: 'stopped' as const, ratePerSecond: 5, sent: 12, acknowledged: 12, refused: 0, lastError: null })
    })
    useSimulationsStore.setState(initialSimulationsState)
    usePublishStore.setState(initialPublishState)
    useSelectionStore.setState(initialSelectionState)
  })
  afterEach(cleanup)

  const renderComposer = async (props: { mqtt5?: boolean; connected?: boolean; broker?: BrokerCapabilities } = {}) => {
    await act(async () => {
      render(
        <EditorKindContext.Provider value="plain">
          <PublishComposer connectionId={ID} profileId="p" mqtt5={props.mqtt5 ?? false} connected={props.connected ?? true} broker={props.broker} />
        </EditorKindContext.Provider>
      )
    })
  }
  const publishCalls = () => main.calls.filter((c) => c.name === 'connection:publish')

  it('takes the topic from the tree selection until one is typed', async () => {
    await renderComposer()
    act(() => useSelectionStore.getState().selectPath(ID, 'home/lamp'))
    expect((screen.getByLabelText('Topic') as HTMLInputElement).value).toBe('home/lamp')
    fireEvent.change(screen.getByLabelText('Topic'), { target: { value: 'mine' } })
    act(() => useSelectionStore.getState().selectPath(ID, 'other'))
    expect((screen.getByLabelText('Topic') as HTMLInputElement).value).toBe('mine')
  })

  it("opens an empty payload in the format of the selected topic's last message, and leaves a typed one alone", async () => {
    forgetClientModel(ID)
    getClientModel(ID).apply(testDelta(ID, 1, [{ topic: 'lamp/state', payload: 'on' }, { topic: 'lamp/config', payload: '{"level": 3}' }, { topic: 'lamp/raw', payload: new Uint8Array([0xff, 0x00, 0x81]) }]))
    await renderComposer()
    const format = (): string => (screen.getByLabelText('Payload format') as HTMLSelectElement).value
    act(() => useSelectionStore.getState().selectPath(ID, 'lamp/state'))
    expect(format()).toBe('text')
    act(() => useSelectionStore.getState().selectPath(ID, 'lamp/raw'))
    expect(format()).toBe('hex')
    act(() => useSelectionStore.getState().selectPath(ID, 'lamp/config'))
    expect(format()).toBe('json')
    act(() => usePublishStore.getState().patchDraft(ID, { text: '{"level": 4}' }))
    act(() => useSelectionStore.getState().selectPath(ID, 'lamp/state'))
    expect(format()).toBe('json')
  })

  it('shows topic and payload problems and does not send', async () => {
    await renderComposer()
    fireEvent.change(screen.getByLabelText('Topic'), { target: { value: 'a/#' } })
    fireEvent.change(screen.getByLabelText('Payload'), { target: { value: '{"a":' } })
    expect(screen.getByText(/wildcards are only allowed in subscriptions/)).toBeTruthy()
    expect(screen.getByText(/not valid JSON/)).toBeTruthy()
    await act(async () => fireEvent.keyDown(screen.getByLabelText('Payload'), { key: 'Enter', ctrlKey: true }))
    expect(publishCalls()).toHaveLength(0)
  })

  it('sends with Ctrl+Enter, shows the answer and remembers it in history', async () => {
    await renderComposer()
    fireEvent.change(screen.getByLabelText('Topic'), { target: { value: 'home/lamp' } })
    fireEvent.change(screen.getByLabelText('Payload'), { target: { value: '{"on":true}' } })
    fireEvent.change(screen.getByLabelText('QoS'), { target: { value: '1' } })
    fireEvent.click(screen.getByLabelText('Retain'))
    await act(async () => fireEvent.keyDown(screen.getByLabelText('Payload'), { key: 'Enter', ctrlKey: true }))
    expect(publishCalls()).toHaveLength(1)
    expect(publishCalls()[0]?.args).toMatchObject({ connectionId: ID, topic: 'home/lamp', qos: 1, retain: true, payload: new TextEncoder().encode('{"on":true}') })
    expect(screen.getByRole('status').textContent).toBe("Acknowledged by the broker (QoS 1). MQTT 3.1.1 cannot tell whether the broker's access rules dropped it.")
    const history = screen.getByRole('list', { name: 'Publish history' })
    expect(within(history).getByText('home/lamp')).toBeTruthy()
    await act(async () => fireEvent.keyDown(screen.getByLabelText('Topic'), { key: 'Enter', metaKey: true }))
    expect(publishCalls()).toHaveLength(2)
  })

  it("shows the broker's refusal as a sentence", async () => {
    refuse = 'The broker refused the message on "secret/x": not authorized (0x87).'
    await renderComposer()
    fireEvent.change(screen.getByLabelText('Topic'), { target: { value: 'secret/x' } })
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Publish' })))
    expect(screen.getByRole('alert').textContent).toBe(refuse)
  })

  it('converts the payload when the format changes and sends hex bytes', async () => {
    await renderComposer()
    fireEvent.change(screen.getByLabelText('Topic'), { target: { value: 'raw' } })
    fireEvent.change(screen.getByLabelText('Payload format'), { target: { value: 'text' } })
    fireEvent.change(screen.getByLabelText('Payload'), { target: { value: 'hi' } })
    fireEvent.change(screen.getByLabelText('Payload format'), { target: { value: 'hex' } })
    expect((screen.getByLabelText('Payload') as HTMLTextAreaElement).value).toBe('68 69')
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Publish' })))
    expect(publishCalls()[0]?.args).toMatchObject({ payload: Uint8Array.from([0x68, 0x69]) })
  })

  it('sends MQTT 5 properties from the properties section', async () => {
    await renderComposer({ mqtt5: true })
    fireEvent.change(screen.getByLabelText('Topic'), { target: { value: 'v5' } })
    fireEvent.change(screen.getByLabelText('Content type'), { target: { value: 'text/plain' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add user property' }))
    fireEvent.change(screen.getByLabelText('User property 1 name'), { target: { value: 'k' } })
    fireEvent.change(screen.getByLabelText('User property 1 value'), { target: { value: 'v' } })
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Publish' })))
    expect(publishCalls()[0]?.args).toMatchObject({ properties: { contentType: 'text/plain', userProperties: [['k', 'v']] } })
  })

  it('saves a template and fills the composer from it', async () => {
    await renderComposer()
    fireEvent.change(screen.getByLabelText('Topic'), { target: { value: 'scenes/evening' } })
    fireEvent.change(screen.getByLabelText('Payload'), { target: { value: '{"dim":30}' } })
    fireEvent.change(screen.getByLabelText('Template name'), { target: { value: 'Evening' } })
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save as template' })))
    fireEvent.change(screen.getByLabelText('Topic'), { target: { value: 'x' } })
    fireEvent.click(screen.getByRole('button', { name: 'Use template Evening' }))
    expect((screen.getByLabelText('Topic') as HTMLInputElement).value).toBe('scenes/evening')
    expect((screen.getByLabelText('Payload') as HTMLTextAreaElement).value).toBe('{"dim":30}')
  })

  it('fills in variables at each send, asks for {{ask}} values, and keeps them unfilled in a template', async () => {
    await renderComposer()
    const decoder = new TextDecoder()
    fireEvent.change(screen.getByLabelText('Topic'), { target: { value: 'devices/{{ask device}}/cmd' } })
    fireEvent.change(screen.getByLabelText('Payload'), { target: { value: '{"n":{{counter}},"at":"{{now}}","id":"{{uuid}}","r":{{random 1 6}}}' } })
    expect(screen.getByText('Type a value for {{ask device}} before sending.')).toBeTruthy()
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Publish' })))
    expect(publishCalls()).toHaveLength(0)
    fireEvent.change(screen.getByLabelText('device'), { target: { value: 'pump-4' } })
    for (let i = 0; i < 2; i++) await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Publish' })))
    const sent = publishCalls().map((c) => ({ topic: (c.args as { topic: string }).topic, payload: JSON.parse(decoder.decode((c.args as { payload: Uint8Array }).payload)) as Record<string, unknown> }))
    expect(sent.map((m) => [m.topic, m.payload['n']])).toEqual([['devices/pump-4/cmd', 1], ['devices/pump-4/cmd', 2]])
    expect(sent[0]?.payload['at']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expect(sent[0]?.payload['id']).not.toBe(sent[1]?.payload['id'])
    expect(sent[0]?.payload['r']).toBeGreaterThanOrEqual(1)
    expect(sent[0]?.payload['r']).toBeLessThanOrEqual(6)
    fireEvent.change(screen.getByLabelText('Template name'), { target: { value: 'Command' } })
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save as template' })))
    fireEvent.change(screen.getByLabelText('Topic'), { target: { value: 'x' } })
    fireEvent.click(screen.getByRole('button', { name: 'Use template Command' }))
    expect((screen.getByLabelText('Topic') as HTMLInputElement).value).toBe('devices/{{ask device}}/cmd')
    expect((screen.getByLabelText('Payload') as HTMLTextAreaElement).value).toBe('{"n":{{counter}},"at":"{{now}}","id":"{{uuid}}","r":{{random 1 6}}}')
  })

  it('sends a request on MQTT 5 and shows the paired reply with its round trip', async () => {
    await renderComposer({ mqtt5: true })
    fireEvent.change(screen.getByLabelText('Topic'), { target: { value: 'svc/echo' } })
    fireEvent.change(screen.getByLabelText('Payload format'), { target: { value: 'text' } })
    fireEvent.change(screen.getByLabelText('Payload'), { target: { value: 'ping' } })
    fireEvent.click(screen.getByLabelText(/^Wait for a reply/))
    fireEvent.change(screen.getByLabelText('Reply timeout (s)'), { target: { value: '400' } })
    expect(screen.getByText('The reply timeout must be a number of seconds from 0.1 to 300.')).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Reply timeout (s)'), { target: { value: '0.5' } })
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Publish' })))
    expect(main.calls.find((c) => c.name === 'request:send')?.args).toMatchObject({ connectionId: ID, topic: 'svc/echo', payload: new TextEncoder().encode('ping'), timeoutMs: 500 })
    expect(publishCalls()).toHaveLength(0)
    expect(screen.getByRole('status').textContent).toBe('Reply after 12.5 ms on "brokerscope/replies/abc": echo:ping')
    const list = screen.getByRole('region', { name: 'Requests' })
    expect(within(list).getByText(/^Reply after 12\.5 ms on/).textContent).toBe('Reply after 12.5 ms on brokerscope/replies/abc: echo:ping')
    await act(async () => fireEvent.click(within(list).getByRole('button', { name: 'Clear requests' })))
    expect(screen.queryByRole('region', { name: 'Requests' })).toBeNull()
  })

  it('simulates a device from the composer: the message as typed goes to main with the rate and count, and Stop ends it', async () => {
    await renderComposer()
    fireEvent.change(screen.getByLabelText('Topic'), { target: { value: 'sim/{{counter}}' } })
    fireEvent.change(screen.getByLabelText('Payload'), { target: { value: '{"t":{{randomFloat 18 25 1}}}' } })
    fireEvent.change(screen.getByLabelText('Messages per second'), { target: { value: '0' } })
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Start simulation' })))
    expect(screen.getByText('Type a rate between 0.1 and 10,000 messages per second.')).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Messages per second'), { target: { value: '5' } })
    fireEvent.change(screen.getByLabelText('How many (empty: until stopped)'), { target: { value: '100' } })
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Start simulation' })))
    expect(main.calls.find((c) => c.name === 'simulation:start')?.args).toMatchObject({ connectionId: ID, topic: 'sim/{{counter}}', payload: '{"t":{{randomFloat 18 25 1}}}', ratePerSecond: 5, count: 100 })
    expect(screen.getByRole('status', { name: 'Simulation' }).textContent).toBe('Simulating: 0 sent, 0 acknowledged, 0 refused')
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Stop simulation' })))
    expect(screen.getByRole('status', { name: 'Simulation' }).textContent).toBe('Stopped: 12 sent, 12 acknowledged, 0 refused')
  })

  it('keeps publishing while an earlier message still waits for its acknowledgement, and shows its time-out', async () => {
    await renderComposer()
    const send = async (topic: string) => {
      fireEvent.change(screen.getByLabelText('Topic'), { target: { value: topic } })
      await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Publish' })))
    }
    fireEvent.change(screen.getByLabelText('QoS'), { target: { value: '2' } })
    await send('stuck')
    expect(screen.getByText('Publishing to "stuck" (QoS 2)…')).toBeTruthy()
    await send('home/lamp')
    expect(publishCalls().map((c) => (c.args as { topic: string }).topic)).toEqual(['stuck', 'home/lamp'])
    const sent = screen.getByRole('list', { name: 'Sent messages' })
    expect(within(sent).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      "Acknowledged by the broker (QoS 2). MQTT 3.1.1 cannot tell whether the broker's access rules dropped it.",
      'Publishing to "stuck" (QoS 2)…'
    ])
    const timeout = 'The broker did not acknowledge the message to "stuck" (QoS 2) within 30 s, so it is no longer sent again.'
    await act(async () => answerStuck?.(new UserFacingError('publish-timeout', timeout)))
    expect(within(sent).getByRole('alert').textContent).toBe(timeout)
  })

  it('reports a QoS 2 the broker acknowledged as QoS 1, and keeps QoS 1 in history', async () => {
    await renderComposer({ mqtt5: true })
    fireEvent.change(screen.getByLabelText('Topic'), { target: { value: 'rabbit' } })
    fireEvent.change(screen.getByLabelText('QoS'), { target: { value: '2' } })
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Publish' })))
    expect(screen.getByRole('status').textContent).toBe('Acknowledged as QoS 1: this broker does not support QoS 2.')
    const history = screen.getByRole('list', { name: 'Publish history' })
    expect(within(history).getByText(/QoS 1/)).toBeTruthy()
    expect(within(history).queryByText(/QoS 2/)).toBeNull()
  })

  it("says when the payload is larger than the broker's Maximum Packet Size, and does not send it", async () => {
    await renderComposer({ mqtt5: true, broker: { protocolVersion: 5, maximumQos: 2, retainAvailable: true, maximumPacketSize: 64 } })
    fireEvent.change(screen.getByLabelText('Topic'), { target: { value: 'big' } })
    fireEvent.change(screen.getByLabelText('Payload format'), { target: { value: 'text' } })
    fireEvent.change(screen.getByLabelText('Payload'), { target: { value: 'x'.repeat(100) } })
    expect(screen.getByText(/^This message is 108 bytes as an MQTT packet; the broker accepts at most 64 /)).toBeTruthy()
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Publish' })))
    expect(publishCalls()).toHaveLength(0)
  })

  it('cannot publish while disconnected', async () => {
    await renderComposer({ connected: false })
    expect((screen.getByRole('button', { name: 'Publish' }) as HTMLButtonElement).disabled).toBe(true)
    expect(screen.getByText('Connect to publish.')).toBeTruthy()
  })
})
