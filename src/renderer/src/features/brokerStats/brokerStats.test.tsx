import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { installTestMain } from '../../test/testMain'
import { afterEach, describe, expect, it } from 'vitest'
import { ClientModel, forgetClientModel, getClientModel } from '../../model'
import { testDelta } from '../../test/deltas'
import { initialConnectionsState, useConnectionsStore } from '../../stores/connections'
import { BrokerStatsPanel } from '.'
import { brokerFigures } from './brokerStats'

describe('broker statistics', () => {
  afterEach(cleanup)

  it('reads the figures a Mosquitto broker publishes under $SYS/broker', () => {
    const model = new ClientModel('s')
    model.apply(
      testDelta('s', 1, [
        { topic: '$SYS/broker/version', payload: 'mosquitto version 2.0.11' },
        { topic: '$SYS/broker/uptime', payload: '63 seconds' },
        { topic: '$SYS/broker/clients/connected', payload: '4' },
        { topic: '$SYS/broker/messages/received', payload: '11' },
        { topic: '$SYS/broker/messages/sent', payload: '125' },
        { topic: '$SYS/broker/load/messages/received/1min', payload: '10.21' },
        { topic: '$SYS/broker/load/bytes/received/1min', payload: '29251.78' },
        { topic: '$SYS/broker/heap/current', payload: '66128' },
        { topic: '$SYS/broker/subscriptions/count', payload: 'n/a' }
      ])
    )
    // With their units and thousands separated; a value that is not the number expected stays as sent.
    expect(brokerFigures(model).map((f) => [f.label, f.value])).toEqual([
      ['Version', 'mosquitto version 2.0.11'],
      ['Uptime', '1 min 3 s'],
      ['Clients connected', '4'],
      ['Messages received', '11'],
      ['Messages sent', '125'],
      ['Subscriptions', 'n/a'],
      ['Load received (1 min)', '10 msg/min'],
      ['Bytes received (1 min)', '28.6 KB/min'],
      ['Heap in use', '64.6 KB']
    ])
  })

  it('explains when the broker publishes none, and updates as they arrive', async () => {
    forgetClientModel('panel')
    render(<BrokerStatsPanel connectionId="panel" />)
    expect(screen.getByText(/has not published statistics/)).toBeTruthy()
    getClientModel('panel').apply(testDelta('panel', 1, [{ topic: '$SYS/broker/clients/connected', payload: '7' }]))
    await act(() => new Promise((resolve) => setTimeout(resolve, 40)))
    expect(screen.getByRole('row', { name: 'Clients connected 7' })).toBeTruthy()
  })

  it('says the broker publishes no $SYS statistics when it granted $SYS/# and sent nothing (RabbitMQ)', () => {
    forgetClientModel('rabbit')
    useConnectionsStore.setState({
      tabs: [{ connectionId: 'rabbit', profileId: 'p', state: 'connected', error: null, errorCode: null, since: 0, subscriptionResults: { '$SYS/#': { filter: '$SYS/#', grantedQos: 0, reasonCode: 0 } } }]
    })
    render(<BrokerStatsPanel connectionId="rabbit" />)
    expect(screen.getByText('The broker granted the $SYS subscription but has sent nothing on $SYS/broker/: this broker publishes no $SYS statistics (RabbitMQ, for one, has none).')).toBeTruthy()
    expect(screen.queryByText(/Add a \$SYS\/# subscription/)).toBeNull()
    useConnectionsStore.setState(initialConnectionsState)
  })

  it('asks main to forget the received messages', async () => {
    const main = installTestMain({ 'model:clear': () => ({ cleared: 12 }), 'model:topTalkers': () => ({ measuredMs: 20_000, topics: [], subtrees: [] }) })
    forgetClientModel('forget')
    getClientModel('forget').apply(testDelta('forget', 1, [{ topic: 'a', payload: '1' }]))
    render(<BrokerStatsPanel connectionId="forget" />)
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Forget received messages' })))
    expect(main.calls.filter((call) => call.name === 'model:clear')).toEqual([{ name: 'model:clear', args: { connectionId: 'forget' } }])
    expect(screen.getByRole('status').textContent).toBe('Forgot 12 topics; new messages fill the tree again.')
  })
})
