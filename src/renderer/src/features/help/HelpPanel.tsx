import { useEffect, useRef } from 'react'
import { SHORTCUTS } from './shortcuts'
import { keepTabInside } from '../../components/focusTrap'

/** The keyboard shortcuts, as a dialog (F1 or the Help button). */
export function HelpPanel({ onClose }: { onClose: () => void }): React.JSX.Element {
  const close = useRef<HTMLButtonElement>(null)
  useEffect(() => close.current?.focus(), [])
  return (
    <div className="dialog-backdrop" onKeyDown={(event) => event.key === 'Escape' && onClose()} onClick={onClose}>
      <div className="dialog help" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" onClick={(event) => event.stopPropagation()} onKeyDown={keepTabInside}>
        <h2>Keyboard shortcuts</h2>
        {SHORTCUTS.map((group) => (
          <table key={group.area} className="stats-table" aria-label={group.area}>
            <caption>{group.area}</caption>
            <tbody>
              {group.shortcuts.map((s) => (
                <tr key={s.keys}>
                  <th scope="row">
                    <kbd>{s.keys}</kbd>
                  </th>
                  <td>{s.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
        <div className="actions">
          <button type="button" className="btn primary" ref={close} onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  )
}
