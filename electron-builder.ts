// Installers for Windows, macOS and Linux: `npm run dist` (this machine's system) or `npm run dist:win|mac|linux`.
// Signing and notarization come from the environment when present (CSC_LINK / CSC_KEY_PASSWORD; APPLE_API_KEY,
// APPLE_API_KEY_ID and APPLE_API_ISSUER, or APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID); without
// them the builds are unsigned (macOS arm64 builds get the ad-hoc signature they need to start).
import type { Configuration } from 'electron-builder'
import { APP_ID, APP_NAME } from './src/main/shell/appIdentity'

const config: Configuration = {
  appId: APP_ID,
  productName: APP_NAME,
  executableName: 'brokerscope',
  copyright: 'Copyright © 2026 the Brokerscope authors',
  directories: { output: 'dist', buildResources: 'resources' },
  // The renderer is bundled into out/renderer; main and preload need only the dependencies in package.json.
  files: ['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json', '!**/*.map'],
  asar: true,
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
    // Flipping fuses breaks the arm64 ad-hoc signature an unsigned macOS build needs to start at all.
    resetAdHocDarwinSignature: true
  },
  win: {
    target: [{ target: 'nsis', arch: ['x64', 'arm64'] }],
    icon: 'resources/icon.ico'
  },
  nsis: {
    // Per user: no administrator rights, installs under %LOCALAPPDATA%\Programs.
    oneClick: false,
    perMachine: false,
    allowElevation: false,
    allowToChangeInstallationDirectory: true,
    artifactName: '${productName}-${version}-win-${arch}-setup.${ext}'
  },
  mac: {
    target: [
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] }
    ],
    icon: 'resources/icon.icns',
    category: 'public.app-category.developer-tools',
    hardenedRuntime: true,
    entitlements: 'resources/entitlements.mac.plist',
    entitlementsInherit: 'resources/entitlements.mac.plist',
    artifactName: '${productName}-${version}-mac-${arch}.${ext}'
  },
  linux: {
    target: [
      { target: 'AppImage', arch: ['x64', 'arm64'] },
      { target: 'deb', arch: ['x64', 'arm64'] }
    ],
    icon: 'resources/icons',
    category: 'Development',
    synopsis: 'MQTT explorer for field and IoT engineers',
    maintainer: 'Brokerscope authors <brokerscope@users.noreply.github.com>',
    artifactName: '${productName}-${version}-linux-${arch}.${ext}'
  }
}

export default config
