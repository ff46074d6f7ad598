import { SplitPane } from '../../components/SplitPane'
import { useProfilesStore } from '../../stores/profiles'
import { RecordingsList } from '../recording'
import { BuiltInBrokerPanel } from './BuiltInBrokerPanel'
import { ProfileEditor } from './ProfileEditor'
import { ProfileList } from './ProfileList'

/** The home screen: saved profiles on the left, the selected one's settings on the right. */
export function ProfilesScreen(): React.JSX.Element {
  const editingId = useProfilesStore((s) => s.editingId)
  const notices = useProfilesStore((s) => s.notices)
  const dismiss = useProfilesStore((s) => s.dismissNotice)
  return (
    <div className="screen">
      {notices.map((notice) => (
        <div key={notice.id} className={`banner ${notice.level === 'info' ? 'ok' : 'error'}`} role="status">
          {notice.message}{' '}
          <button type="button" className="btn small" onClick={() => dismiss(notice.id)}>
            Dismiss
          </button>
        </div>
      ))}
      <SplitPane direction="horizontal" storageKey="profiles" initial={340} label="Resize the profile list">
        <div className="screen">
          <ProfileList />
          <BuiltInBrokerPanel />
          <RecordingsList />
        </div>
        {editingId ? <ProfileEditor /> : <div className="empty">Choose a profile to edit it, or create a new one.</div>}
      </SplitPane>
    </div>
  )
}
