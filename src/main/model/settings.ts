import type { ModelSettings } from '../../shared/contract'

/** Defaults: 500 messages per topic, 512 MiB per connection, 4 KiB previews, ~30 deltas per second. */
export const defaultModelSettings: Readonly<ModelSettings> = Object.freeze({
  historyLimit: 500,
  budgetBytes: 512 * 1024 * 1024,
  previewBytes: 4 * 1024,
  largePayloadBytes: 256 * 1024,
  deltaIntervalMs: 33,
  maxTopicsPerDelta: 5_000,
  maxPreviewBytesPerDelta: 2 * 1024 * 1024
})

/** Settings with some fields replaced; fields left undefined keep their value. */
export function mergeSettings(base: ModelSettings, changes: Partial<ModelSettings>): ModelSettings {
  const merged: ModelSettings = { ...base }
  for (const key of Object.keys(changes) as Array<keyof ModelSettings>) {
    const value = changes[key]
    if (value !== undefined) merged[key] = value
  }
  return merged
}
