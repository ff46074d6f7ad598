/** The product's name, as windows, menus, installers and the About panel show it. */
export const APP_NAME = 'Brokerscope'

/** The reverse-DNS id of the app: installers, Windows taskbar grouping (AppUserModelId) and macOS bundle id. */
export const APP_ID = 'io.brokerscope.desktop'

/** Where the project lives; opened only through the one openExternal helper. */
export const PROJECT_PAGE = 'https://github.com/brokerscope/brokerscope'
