import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { errorMessage } from './lib/errorMessage'
import { startApp } from './start'
import './styles/theme.css'
import './styles/controls.css'
import './styles/layout.css'
import './styles/tree.css'
import './styles/panels.css'
import './styles/profiles.css'

const root = document.getElementById('root')
if (root) {
  const view = createRoot(root)
  startApp().then(
    () =>
      view.render(
        <StrictMode>
          <App />
        </StrictMode>
      ),
    (error: unknown) =>
      view.render(
        <div className="empty" role="alert">
          <h1>Cannot reach the Brokerscope back end</h1>
          <p>{errorMessage(error)}</p>
          <p>Reload the page to try again.</p>
        </div>
      )
  )
}
