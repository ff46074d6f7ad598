import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EditorKindContext } from './components/code'
import { App } from './App'
import { installTestMain } from './test/testMain'
import { memoryProfiles, sampleProfile } from './test/memoryProfiles'
import { initialConnectionsState, useConnectionsStore } from './stores/connections'
import { initialProfilesState, useProfilesStore } from './stores/profiles'

describe('app shell', () => {
  beforeEach(async () => {
    installTestMain({
      ...memoryProfiles([sampleProfile('a', 'Alpha'), sampleProfile('b', 'Beta', { options: { ...sampleProfile('b', 'B').options, protocolVersion: 5 } })]).handlers,
      'profile:connect': ({ connectionId }) => ({ connectionId, subscriptions: [{ filter: '#', grantedQos: 0, reasonCode: 0 }] }),
      'connection:disconnect': ({ connectionId }) => ({ connectionId }),
      'model:history': () => ({ messages: [], messageCount: 0, oldestSeq: 0 })
    })
    useProfilesStore.setState(initialProfilesState)
    useConnectionsStore.setState(initialConnectionsState)
    await useProfilesStore.getState().load()
  })
  afterEach(cleanup)

  const renderApp = () =>
    render(
      <EditorKindContext.Provider value="plain">
        <App />
      </EditorKindContext.Provider>
    )

  it('opens each connection in its own tab and closes them', async () => {
    renderApp()
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Connect Alpha' })))
    await act(async () => fireEvent.click(screen.getByRole('tab', { name: 'Profiles' })))
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Connect Beta' })))
    const tabs = within(screen.getByRole('tablist', { name: 'Connections' })).getAllByRole('tab')
    expect(tabs.map((t) => t.getAttribute('aria-label') ?? t.textContent)).toEqual(['Profiles', 'Alpha (Connected)', 'Beta (Connected)'])
    expect(screen.getByRole('tree', { name: 'Topics' })).toBeTruthy()
    const topicTab = screen.getByRole('tab', { name: 'Topic' })
    topicTab.focus()
    fireEvent.keyDown(topicTab, { key: 'ArrowRight' })
    expect(screen.getByRole('tab', { name: 'Subscriptions' }).getAttribute('aria-selected')).toBe('true')
    expect(screen.getByText('granted QoS 0')).toBeTruthy()
    // Delete on a tab closes it (the WAI-ARIA tabs pattern), and the focus moves to the tab shown next.
    const beta = screen.getByRole('tab', { name: 'Beta (Connected)' })
    beta.focus()
    await act(async () => fireEvent.keyDown(beta, { key: 'Delete' }))
    const alpha = screen.getByRole('tab', { name: 'Alpha (Connected)' })
    expect(alpha.getAttribute('aria-selected')).toBe('true')
    expect(document.activeElement).toBe(alpha)
    await act(async () => fireEvent.click(screen.getByRole('tab', { name: 'Profiles' })))
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Connect Beta' })))
    // The pointer closes it with the × beside the tab.
    await act(async () => fireEvent.click(screen.getByTitle('Close Beta (Delete)')))
    expect(screen.queryByRole('tab', { name: 'Beta (Connected)' })).toBeNull()
    await act(async () => fireEvent.click(screen.getByRole('tab', { name: 'Alpha (Connected)' })))
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Disconnect' })))
    expect(screen.getByRole('tab', { name: 'Alpha (Disconnected)' })).toBeTruthy()
  })

  it('opens the shortcuts help with F1 and closes it with Escape', () => {
    renderApp()
    fireEvent.keyDown(window, { key: 'F1' })
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' })
    expect(within(help).getByText('Ctrl/Cmd+Enter')).toBeTruthy()
    expect(within(help).getByText('Copy the selected topic path')).toBeTruthy()
    fireEvent.keyDown(help, { key: 'Escape' })
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('focuses the topic filter with Ctrl+F on a connection tab', async () => {
    renderApp()
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Connect Alpha' })))
    fireEvent.keyDown(window, { key: 'f', ctrlKey: true })
    expect(document.activeElement).toBe(screen.getByLabelText('Filter topics'))
    fireEvent.keyDown(window, { key: 'P', ctrlKey: true, shiftKey: true })
    expect(screen.getByRole('button', { name: 'Resume' })).toBeTruthy()
  })
})
