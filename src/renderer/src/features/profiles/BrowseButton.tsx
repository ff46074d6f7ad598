import { useState } from 'react'
import type { PickFilePurpose } from '@shared/contract'
import { errorMessage } from '../../lib/errorMessage'
import { useAppStore } from '../../stores/app'

/** A "Browse…" button opening the native file dialog; renders nothing where paths must be typed (headless mode). */
interface BrowseButtonProps {
  /** The accessible name, e.g. "Choose CA certificate files". */
  label: string
  purpose: PickFilePurpose
  multiple: boolean
  /** Called with the chosen paths; not called when the user cancels. */
  onPicked: (paths: string[]) => void
}

export function BrowseButton({ label, purpose, multiple, onPicked }: BrowseButtonProps): React.JSX.Element | null {
  const available = useAppStore((s) => s.capabilities.nativeFilePicker)
  const pickFiles = useAppStore((s) => s.pickFiles)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  if (!available) return null

  const browse = async (): Promise<void> => {
    setBusy(true)
    setProblem(null)
    try {
      const paths = await pickFiles({ purpose, multiple })
      if (paths.length > 0) onPicked(paths)
    } catch (error) {
      setProblem(errorMessage(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="browse">
      <button type="button" className="btn small" aria-label={label} disabled={busy} onClick={() => void browse()}>
        Browse…
      </button>
      {problem ? (
        <p className="error-text" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  )
}
