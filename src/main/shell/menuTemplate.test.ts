import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import type { MenuCommand } from '../../shared/contract'
import { menuTemplate } from './menuTemplate'

type Item = MenuItemConstructorOptions
const submenu = (item: Item | undefined): Item[] => (item?.submenu ?? []) as Item[]
const labels = (template: Item[]): string[] => template.map((item) => item.label ?? item.role ?? '')
const roles = (items: Item[]): string[] => items.map((item) => item.role ?? item.label ?? item.type ?? '')

function build(platform: NodeJS.Platform, isDev = false) {
  const seen: string[] = []
  const template = menuTemplate(platform, { appName: 'Brokerscope', isDev }, {
    command: (command: MenuCommand) => seen.push(command),
    importProfiles: () => seen.push('import'),
    exportProfiles: () => seen.push('export'),
    about: () => seen.push('about'),
    openProjectPage: () => seen.push('project')
  })
  const find = (menu: string, label: string): Item | undefined => submenu(template.find((m) => m.label === menu)).find((i) => i.label === label)
  const click = (menu: string, label: string): void => (find(menu, label)?.click as () => void)()
  return { template, seen, find, click }
}

describe('application menu', () => {
  it('follows macOS: an app menu with About, Services, Hide and Quit; File closes the window', () => {
    const { template, find } = build('darwin')
    expect(labels(template)).toEqual(['Brokerscope', '&File', '&Edit', '&View', '&Window', '&Help'])
    expect(roles(submenu(template[0]))).toEqual(['About Brokerscope', 'separator', 'services', 'separator', 'hide', 'hideOthers', 'unhide', 'separator', 'quit'])
    expect(roles(submenu(template[1])).at(-1)).toBe('close')
    expect(roles(submenu(template[2]))).toContain('pasteAndMatchStyle')
    expect(roles(submenu(template[4]))).toContain('front')
    expect(find('&Help', 'About Brokerscope')).toBeUndefined()
  })

  it('follows Windows and Linux: Quit under File, About under Help', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const { template, find } = build(platform)
      expect(labels(template)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help'])
      expect(submenu(template[0]).at(-1)).toMatchObject({ role: 'quit', accelerator: 'Ctrl+Q' })
      expect(roles(submenu(template[1]))).not.toContain('pasteAndMatchStyle')
      expect(find('&Help', 'About Brokerscope')).toBeDefined()
    }
  })

  it('sends its commands to the page, with the in-app shortcut for the help', () => {
    const { seen, click, find } = build('linux')
    click('&File', 'New profile')
    click('&File', 'Import profiles…')
    click('&File', 'Export profiles…')
    click('&Help', 'Keyboard shortcuts')
    click('&Help', 'Project page')
    click('&Help', 'About Brokerscope')
    expect(seen).toEqual(['new-profile', 'import', 'export', 'shortcuts', 'project', 'about'])
    expect(find('&Help', 'Keyboard shortcuts')?.accelerator).toBe('F1')
  })

  it('offers developer tools only in development', () => {
    expect(roles(submenu(build('linux').template[2]))).not.toContain('toggleDevTools')
    expect(roles(submenu(build('linux', true).template[2]))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']))
    expect(roles(submenu(build('linux').template[2]))).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']))
  })
})
