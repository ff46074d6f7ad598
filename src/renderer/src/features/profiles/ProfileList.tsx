import { useRef, useState } from 'react'
import type { Profile } from '@shared/contract'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { StatusBadge } from '../../components/StatusBadge'
import { errorMessage } from '../../lib/errorMessage'
import { useConnectionsStore } from '../../stores/connections'
import { profilesSelectors, useProfilesStore } from '../../stores/profiles'
import { ProfileTransfer } from './ProfileTransfer'
import { nextFocus, profileMatches } from './profileSearch'

/**
 * Saved profiles in the user's order, with connect, edit, duplicate, delete and reorder; a search box narrows them
 * (Enter connects the first match) and the arrow keys move through them.
 */
export function ProfileList(): React.JSX.Element {
  const profiles = useProfilesStore((s) => s.profiles)
  const editingId = useProfilesStore((s) => s.editingId)
  const loadError = useProfilesStore((s) => s.loadError)
  const { edit, duplicate, remove, move } = useProfilesStore.getState()
  const tabs = useConnectionsStore((s) => s.tabs)
  const open = useConnectionsStore((s) => s.open)
  const [deleting, setDeleting] = useState<Profile | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [query, setQuery] = useState('')
  const search = useRef<HTMLInputElement>(null)
  const list = useRef<HTMLDivElement>(null)
  const shown = query.trim() ? profiles.filter((profile) => profileMatches(profile, query)) : profiles

  const run = (action: () => Promise<unknown>): void => {
    setError(null)
    action().catch((e: unknown) => setError(errorMessage(e)))
  }

  return (
    <div className="screen">
      <div className="panel-title">
        <span className="grow">Profiles</span>
        <button type="button" className="btn small primary" onClick={() => edit('new')}>
          New profile
        </button>
      </div>
      <div className="toolbar">
        <input
          ref={search}
          type="search"
          className="grow"
          aria-label="Search profiles"
          placeholder="Search by name, address or group"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            const first = shown[0]
            if (event.key === 'Enter' && first && query.trim()) run(() => open(first.id))
            else if (event.key === 'ArrowDown') {
              event.preventDefault()
              list.current?.querySelector<HTMLButtonElement>('button.profile-name')?.focus()
            }
          }}
        />
      </div>
      {loadError ? <div className="banner error" role="alert">{loadError}</div> : null}
      {error ? <div className="banner error" role="alert">{error}</div> : null}
      <div
        className="scroll"
        ref={list}
        onKeyDown={(event) => {
          const names = [...(list.current?.querySelectorAll<HTMLButtonElement>('button.profile-name') ?? [])]
          const current = names.find((name) => name === document.activeElement) ?? null
          if (current === null || !['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return
          event.preventDefault()
          ;(nextFocus(names, current, event.key) ?? search.current)?.focus()
        }}
      >
        {profiles.length === 0 ? <p className="empty">No profiles yet. Create one to connect to a broker.</p> : null}
        {profiles.length > 0 && shown.length === 0 ? <p className="empty">No profile matches &ldquo;{query.trim()}&rdquo;.</p> : null}
        {profilesSelectors.grouped(shown).map(({ group, profiles: list }) => (
          <section key={group} aria-label={group ? `Group ${group}` : undefined}>
            {group ? <h3 className="profile-group">{group}</h3> : null}
            <ul className="profile-list" aria-label={group ? `Profiles in ${group}` : 'Saved profiles'}>
              {list.map((profile, index) => {
                const tab = tabs.find((t) => t.profileId === profile.id)
                return (
                  <li key={profile.id} className={`profile-item${profile.id === editingId ? ' selected' : ''}`} aria-current={profile.id === editingId ? 'true' : undefined}>
                    {/* Named by its content, so the name holds all it shows (WCAG 2.5.3); "Edit" is for screen readers. */}
                    <button type="button" className="profile-name" onClick={() => edit(profile.id)}>
                      <strong>
                        <span className="visually-hidden">Edit </span>
                        {profile.color ? <span className="swatch" style={{ background: profile.color }} aria-hidden="true" /> : null}
                        {profile.name}
                      </strong>
                      <span className="muted mono">
                        {profile.options.protocol}://{profile.options.host}:{profile.options.port}
                      </span>
                    </button>
                    {tab ? <StatusBadge state={tab.state} /> : null}
                    <div className="row profile-actions">
                      <button type="button" className="btn small primary" aria-label={`Connect ${profile.name}`} onClick={() => run(() => open(profile.id))}>
                        Connect
                      </button>
                      <button type="button" className="btn small" aria-label={`Duplicate ${profile.name}`} onClick={() => run(() => duplicate(profile.id))}>
                        Duplicate
                      </button>
                      {query.trim() ? null : (
                        <>
                          <button type="button" className="btn small" aria-label={`Move ${profile.name} up`} disabled={index === 0} onClick={() => run(() => move(profile.id, -1))}>
                            ↑
                          </button>
                          <button type="button" className="btn small" aria-label={`Move ${profile.name} down`} disabled={index === list.length - 1} onClick={() => run(() => move(profile.id, 1))}>
                            ↓
                          </button>
                        </>
                      )}
                      <button type="button" className="btn small danger" aria-label={`Delete ${profile.name}`} onClick={() => setDeleting(profile)}>
                        Delete
                      </button>
                    </div>
                  </li>
                )
              })}
            </ul>
          </section>
        ))}
      </div>
      <ProfileTransfer />
      {deleting ? (
        <ConfirmDialog
          title={`Delete "${deleting.name}"?`}
          confirmLabel="Delete"
          danger
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const id = deleting.id
            setDeleting(null)
            run(() => remove(id))
          }}
        >
          <p>The profile, its subscriptions, publish history and templates are removed. This cannot be undone.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  )
}
