export { TopicTree, type TopicTreeProps } from './TopicTree'
export { TreeToolbar } from './TreeToolbar'
export { ancestorPaths } from './flattenTree'
export { ClearRetainedDialog } from './ClearRetainedDialog'
