export { ProfilesScreen } from './ProfilesScreen'
export { SubscriptionsEditor } from './SubscriptionsEditor'
