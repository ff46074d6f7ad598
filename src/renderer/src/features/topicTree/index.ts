export { TopicTree, type TopicTreeProps } from './TopicTree'
export { TreeToolbar } from './TreeToolbar'
export { ClearRetainedDialog } from './ClearRetainedDialog'
export { ancestorPaths } from './flattenTree'
