import { useEffect, useEffectEvent, useMemo, useRef, useState } from 'react'
import { errorMessage } from '../../lib/errorMessage'
import { profilesSelectors, useProfilesStore } from '../../stores/profiles'
import { useConnectionsStore } from '../../stores/connections'
import { draftFromProfile, rebaseDraft, validateDraft, type ProfileDraft } from './profileDraft'
import { DecodersSection } from './DecodersSection'
import { BrokerSection, CredentialsSection, SessionSection, TlsSection, WillSection } from './ProfileSections'
import { ProxySection } from './ProxySection'
import { SubscriptionsEditor } from './SubscriptionsEditor'

/** Edits the profile chosen in the list (or a new one); every engine option, validated as typed. */
export function ProfileEditor(): React.JSX.Element {
  const editingId = useProfilesStore((s) => s.editingId)
  const profile = useProfilesStore(profilesSelectors.editing)
  const save = useProfilesStore((s) => s.save)
  const openConnection = useConnectionsStore((s) => s.open)
  const [draft, setDraft] = useState<ProfileDraft>(() => draftFromProfile(profile))
  const [attempted, setAttempted] = useState(false)
  const [touched, setTouched] = useState<Set<keyof ProfileDraft>>(new Set())
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)

  // A different profile chosen in the list (or saved under a new id) resets the form; the same profile
  // saved again (by this form, or elsewhere while the user types) keeps what the user edited.
  const profileKey = profile ? `${profile.id}:${profile.updatedAt}` : String(editingId)
  const shownId = useRef(profile?.id)
  /** Set while this form saves: the change that save brings is the user's own, not one to merge with. */
  const saving = useRef(false)
  // Reads the form as it is when the saved profile changes; only that change runs it (the effect below).
  const onSavedProfile = useEffectEvent(() => {
    const saved = draftFromProfile(profile)
    const sameProfile = profile !== undefined && shownId.current === profile.id && !saving.current
    shownId.current = profile?.id
    saving.current = false
    const { draft: rebased, kept } = sameProfile ? rebaseDraft(saved, draft, touched) : { draft: saved, kept: [] }
    setDraft(rebased)
    setTouched(new Set(kept))
    if (kept.length === 0) {
      setAttempted(false)
      return
    }
    setStatus({
      kind: 'ok',
      text: `"${profile?.name ?? ''}" was saved elsewhere while you were editing it (for example its subscriptions, from its connection). Fields you had not changed now show what was saved; your changes are kept until you save.`
    })
  })
  // Only the key matters: a new object for the same saved profile must not wipe the user's typing.
  useEffect(() => onSavedProfile(), [profileKey])

  const { input, problems: allProblems } = useMemo(() => validateDraft(draft), [draft])
  const problems = useMemo(() => {
    if (attempted) return allProblems
    // Before the first save, only speak about fields the user has changed.
    const shown: Record<string, string> = {}
    for (const [key, message] of Object.entries(allProblems)) {
      if ([...touched].some((field) => key.toLowerCase().includes(fieldKeyword(field)))) shown[key] = message
    }
    return shown
  }, [allProblems, attempted, touched])

  const change = (patch: Partial<ProfileDraft>): void => {
    setDraft((current) => ({ ...current, ...patch }))
    setTouched((current) => new Set([...current, ...(Object.keys(patch) as (keyof ProfileDraft)[])]))
    setStatus(null)
  }

  const submit = async (connectAfter: boolean): Promise<void> => {
    setAttempted(true)
    if (Object.keys(allProblems).length > 0) {
      setStatus({ kind: 'error', text: 'Some fields need attention before the profile can be saved; see the messages beside them.' })
      return
    }
    try {
      saving.current = true
      const saved = await save(input)
      setStatus({ kind: 'ok', text: `Saved "${saved.name}".` })
      if (connectAfter) await openConnection(saved.id, { reconnect: true })
    } catch (error) {
      saving.current = false
      setStatus({ kind: 'error', text: errorMessage(error) })
    }
  }

  const unplaced = attempted ? Object.entries(allProblems).filter(([key]) => !PLACED.some((p) => key === p || key.startsWith(`${p}.`))) : []
  const mqtt5 = draft.protocolVersion === 5
  return (
    <form
      className="scroll profile-editor"
      aria-label={profile ? `Edit profile ${profile.name}` : 'New profile'}
      style={{ padding: 12 }}
      onSubmit={(event) => {
        event.preventDefault()
        void submit(false)
      }}
    >
      <BrokerSection draft={draft} problems={problems} change={change} />
      <CredentialsSection draft={draft} problems={problems} change={change} />
      <TlsSection draft={draft} problems={problems} change={change} />
      <ProxySection draft={draft} problems={problems} change={change} />
      <SessionSection draft={draft} problems={problems} change={change} />
      <WillSection draft={draft} problems={problems} change={change} />
      <SubscriptionsEditor subscriptions={draft.subscriptions} mqtt5={mqtt5} problems={problems} onChange={(subscriptions) => change({ subscriptions })} />
      <DecodersSection draft={draft} problems={problems} change={change} />
      {unplaced.map(([key, message]) => (
        <p key={key} className="error-text" role="alert">
          {message}
        </p>
      ))}
      {status ? (
        <p className={status.kind === 'ok' ? 'ok-text' : 'error-text'} role={status.kind === 'ok' ? 'status' : 'alert'}>
          {status.text}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" className="btn primary">
          Save
        </button>
        <button type="button" className="btn" onClick={() => void submit(true)}>
          Save and connect
        </button>
      </div>
    </form>
  )
}

/** Problem keys that a field of the form shows; the rest are listed under the form after a save attempt. */
const PLACED = [
  'name',
  'group',
  'color',
  'password',
  'keyPassphrase',
  'proxyPassword',
  'options.host',
  'options.port',
  'options.path',
  'options.clientId',
  'options.username',
  'options.keepaliveSeconds',
  'options.sessionExpiryInterval',
  'options.connectTimeoutMs',
  'options.reconnectPeriodMs',
  'options.tls',
  'options.will',
  'options.proxy',
  'subscriptions',
  'decoders'
]

/** The word a draft field shares with its contract path (e.g. willTopic → "will", caFiles → "tls"). */
function fieldKeyword(field: keyof ProfileDraft): string {
  if (field.startsWith('will')) return 'will'
  if (field.startsWith('proxy')) return 'proxy'
  if (['caFiles', 'certFile', 'keyFile', 'servername', 'alpnProtocols', 'keyLogFile', 'rejectUnauthorized', 'protocol'].includes(field)) return 'tls'
  return field.toLowerCase()
}
