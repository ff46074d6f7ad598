import type { BrokerProtocol, ProtocolVersion, QoS } from '@shared/contract'
import { CheckField, QOS_OPTIONS, SelectField, TextField } from '../../components/FormFields'
import { BrowseButton } from './BrowseButton'
import { DEFAULT_PORTS, isSecure, withPaths, type DraftProblems, type ProfileDraft } from './profileDraft'

/** One part of the profile form; `change` merges a patch into the draft. */
export interface SectionProps {
  draft: ProfileDraft
  problems: DraftProblems
  change: (patch: Partial<ProfileDraft>) => void
}

const PROTOCOLS: { value: BrokerProtocol; label: string }[] = [
  { value: 'mqtt', label: 'mqtt:// (TCP)' },
  { value: 'mqtts', label: 'mqtts:// (TLS)' },
  { value: 'ws', label: 'ws:// (WebSocket)' },
  { value: 'wss', label: 'wss:// (WebSocket over TLS)' }
]

const VERSIONS: { value: ProtocolVersion; label: string }[] = [
  { value: 5, label: 'MQTT 5.0' },
  { value: 4, label: 'MQTT 3.1.1' },
  { value: 3, label: 'MQTT 3.1' }
]

export function BrokerSection({ draft, problems, change }: SectionProps): React.JSX.Element {
  const onProtocol = (protocol: BrokerProtocol): void => {
    // Follow the protocol's usual port unless the user typed a port of their own.
    const usual = Object.values(DEFAULT_PORTS).map(String).includes(draft.port)
    change({ protocol, ...(usual ? { port: String(DEFAULT_PORTS[protocol]) } : {}) })
  }
  const websocket = draft.protocol === 'ws' || draft.protocol === 'wss'
  return (
    <fieldset>
      <legend>Broker</legend>
      <div className="row">
        <div className="grow">
          <TextField label="Profile name" value={draft.name} onChange={(name) => change({ name })} problem={problems.name} />
        </div>
        <TextField label="Group" value={draft.group} placeholder="e.g. Plant A" onChange={(group) => change({ group })} problem={problems.group} />
        <div className="field">
          <label htmlFor="profile-color">Tab colour</label>
          <div className="row">
            <input id="profile-color" type="color" value={draft.color || '#1a66d6'} onChange={(event) => change({ color: event.target.value })} />
            {draft.color ? (
              <button type="button" className="btn small" onClick={() => change({ color: '' })}>
                No colour
              </button>
            ) : null}
          </div>
        </div>
      </div>
      <div className="row">
        <SelectField label="Protocol" value={draft.protocol} options={PROTOCOLS} onChange={onProtocol} />
        <div className="grow">
          <TextField label="Host" value={draft.host} onChange={(host) => change({ host })} problem={problems['options.host']} />
        </div>
        <TextField label="Port" type="number" value={draft.port} onChange={(port) => change({ port })} problem={problems['options.port']} />
      </div>
      {websocket ? <TextField label="WebSocket path" value={draft.path} onChange={(path) => change({ path })} problem={problems['options.path']} /> : null}
      <div className="row">
        <SelectField label="MQTT version" value={draft.protocolVersion} options={VERSIONS} onChange={(protocolVersion) => change({ protocolVersion })} />
        <div className="grow">
          <TextField label="Client ID" value={draft.clientId} placeholder="random when empty" onChange={(clientId) => change({ clientId })} problem={problems['options.clientId']} />
        </div>
      </div>
    </fieldset>
  )
}

export function CredentialsSection({ draft, problems, change }: SectionProps): React.JSX.Element {
  return (
    <fieldset>
      <legend>Credentials</legend>
      <div className="row">
        <div className="grow">
          <TextField label="User name" value={draft.username} onChange={(username) => change({ username })} problem={problems['options.username']} />
        </div>
        <div className="grow">
          <TextField
            label="Password"
            type="password"
            value={draft.password}
            placeholder={draft.hasPassword && !draft.clearPassword ? 'saved (type to replace)' : ''}
            onChange={(password) => change({ password, clearPassword: false })}
            problem={problems.password}
            hint="Stored encrypted; leave empty to keep the saved one."
          />
        </div>
      </div>
      {draft.hasPassword ? <CheckField label="Forget the saved password" checked={draft.clearPassword} onChange={(clearPassword) => change({ clearPassword, password: '' })} /> : null}
    </fieldset>
  )
}

export function SessionSection({ draft, problems, change }: SectionProps): React.JSX.Element {
  const mqtt5 = draft.protocolVersion === 5
  return (
    <fieldset>
      <legend>Session</legend>
      <CheckField label={mqtt5 ? 'Clean start' : 'Clean session'} checked={draft.clean} onChange={(clean) => change({ clean })} />
      <CheckField
        label="Keep history on disk (shown again when this profile connects after a restart)"
        checked={draft.keepHistory}
        onChange={(keepHistory) => change({ keepHistory })}
      />
      <div className="row">
        <TextField label="Keep-alive (s)" type="number" value={draft.keepaliveSeconds} onChange={(keepaliveSeconds) => change({ keepaliveSeconds })} problem={problems['options.keepaliveSeconds']} />
        {mqtt5 ? (
          <TextField
            label="Session expiry (s)"
            type="number"
            value={draft.sessionExpiryInterval}
            placeholder="0: ends on disconnect"
            onChange={(sessionExpiryInterval) => change({ sessionExpiryInterval })}
            problem={problems['options.sessionExpiryInterval']}
          />
        ) : null}
        <TextField label="Connect timeout (ms)" type="number" value={draft.connectTimeoutMs} onChange={(connectTimeoutMs) => change({ connectTimeoutMs })} problem={problems['options.connectTimeoutMs']} />
        <TextField label="Reconnect period (ms)" type="number" value={draft.reconnectPeriodMs} onChange={(reconnectPeriodMs) => change({ reconnectPeriodMs })} problem={problems['options.reconnectPeriodMs']} hint="0 turns reconnecting off." />
      </div>
    </fieldset>
  )
}

export function TlsSection({ draft, problems, change }: SectionProps): React.JSX.Element | null {
  if (!isSecure(draft.protocol)) return problems['options.tls'] ? <p className="error-text" role="alert">{problems['options.tls']}</p> : null
  return (
    <fieldset>
      <legend>TLS</legend>
      <div className="row">
        <div className="grow">
          <TextField
            label="CA certificate files"
            multiline
            value={draft.caFiles}
            placeholder="/path/to/ca.crt (one path per line; empty: the system's CAs)"
            onChange={(caFiles) => change({ caFiles })}
            problem={problems['options.tls.caFiles'] ?? problems['options.tls']}
          />
        </div>
        <BrowseButton label="Choose CA certificate files" purpose="ca" multiple onPicked={(paths) => change({ caFiles: withPaths(draft.caFiles, paths) })} />
      </div>
      <div className="row">
        <div className="grow">
          <TextField label="Client certificate file" value={draft.certFile} placeholder="/path/to/client.crt" onChange={(certFile) => change({ certFile })} problem={problems['options.tls.certFile']} />
        </div>
        <BrowseButton label="Choose the client certificate file" purpose="cert" multiple={false} onPicked={([certFile = '']) => change({ certFile })} />
        <div className="grow">
          <TextField label="Client key file" value={draft.keyFile} placeholder="/path/to/client.key" onChange={(keyFile) => change({ keyFile })} problem={problems['options.tls.keyFile']} />
        </div>
        <BrowseButton label="Choose the client key file" purpose="key" multiple={false} onPicked={([keyFile = '']) => change({ keyFile })} />
      </div>
      <div className="row">
        <div className="grow">
          <TextField
            label="Key passphrase"
            type="password"
            value={draft.keyPassphrase}
            placeholder={draft.hasKeyPassphrase && !draft.clearKeyPassphrase ? 'saved (type to replace)' : ''}
            onChange={(keyPassphrase) => change({ keyPassphrase, clearKeyPassphrase: false })}
            problem={problems.keyPassphrase}
          />
        </div>
        {draft.hasKeyPassphrase ? <CheckField label="Forget the saved passphrase" checked={draft.clearKeyPassphrase} onChange={(clearKeyPassphrase) => change({ clearKeyPassphrase, keyPassphrase: '' })} /> : null}
      </div>
      <div className="row">
        <div className="grow">
          <TextField label="Server name (SNI)" value={draft.servername} placeholder="the host name in the certificate" onChange={(servername) => change({ servername })} problem={problems['options.tls.servername']} />
        </div>
        <div className="grow">
          <TextField label="ALPN protocols" value={draft.alpnProtocols} placeholder="comma-separated, e.g. x-amzn-mqtt-ca" onChange={(alpnProtocols) => change({ alpnProtocols })} problem={problems['options.tls.alpnProtocols']} />
        </div>
      </div>
      <CheckField label="Verify the server certificate" checked={draft.rejectUnauthorized} onChange={(rejectUnauthorized) => change({ rejectUnauthorized })} />
      <TextField
        label="TLS key log file (SSLKEYLOGFILE, for Wireshark)"
        value={draft.keyLogFile}
        placeholder="off; a path on the machine main runs on"
        hint="Anyone with this file can decrypt the captured traffic of these sessions, passwords included. Leave it empty unless you are debugging."
        onChange={(keyLogFile) => change({ keyLogFile })}
        problem={problems['options.tls.keyLogFile']}
      />
    </fieldset>
  )
}

export function WillSection({ draft, problems, change }: SectionProps): React.JSX.Element {
  return (
    <fieldset>
      <legend>Last will</legend>
      <CheckField label="Send a last will" checked={draft.willEnabled} onChange={(willEnabled) => change({ willEnabled })} />
      {draft.willEnabled ? (
        <>
          <TextField label="Will topic" value={draft.willTopic} onChange={(willTopic) => change({ willTopic })} problem={problems['options.will.topic']} />
          <TextField label="Will payload" multiline value={draft.willPayload} onChange={(willPayload) => change({ willPayload })} />
          <div className="row">
            <SelectField label="Will QoS" value={draft.willQos} options={QOS_OPTIONS} onChange={(willQos: QoS) => change({ willQos })} />
            <CheckField label="Retain the will" checked={draft.willRetain} onChange={(willRetain) => change({ willRetain })} />
            {draft.protocolVersion === 5 ? (
              <TextField
                label="Will delay (s)"
                type="number"
                value={draft.willDelayInterval}
                onChange={(willDelayInterval) => change({ willDelayInterval })}
                problem={problems['options.will.properties.willDelayInterval'] ?? problems['options.will.properties']}
              />
            ) : null}
          </div>
        </>
      ) : null}
    </fieldset>
  )
}
