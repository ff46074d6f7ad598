import type { ChildSort } from '@shared/contract'
import type { ClientModel, ClientTreeNode } from '../../model'
import type { TopicNodeMatcher } from './treeFilter'

/** One visible row of the virtualized tree. */
export interface TreeRow {
  /** The node's path: stable across renders, used as the virtual item key. */
  id: string
  node: ClientTreeNode
  depth: number
  expanded: boolean
  hasChildren: boolean
  /** Its position among the siblings shown (1-based) and how many are shown: aria-posinset and aria-setsize, which a virtualized tree must state because most siblings are not in the DOM. */
  posInSet: number
  setSize: number
}

/** How to flatten: which nodes are open, in which order, and the filter. */
export interface FlattenOptions {
  expanded: ReadonlySet<string>
  sort: ChildSort
  descending: boolean
  /** When set, only branches holding a matching topic are shown, opened. */
  match: TopicNodeMatcher | null
}

/** Children in display order (the model sorts and caches name order); at the root, `$` topics such as `$SYS` form their own branch after the others. */
export function displayChildren(model: ClientModel, node: ClientTreeNode, sort: ChildSort, descending: boolean): ClientTreeNode[] {
  const children = model.sortedChildren(node, sort, descending)
  if (node.parent !== null) return children
  const system = children.filter((c) => c.name.startsWith('$'))
  return system.length === 0 ? children : [...children.filter((c) => !c.name.startsWith('$')), ...system]
}

/** Nodes whose subtree holds a topic the matcher accepts (one pass over the whole tree). */
export function matchingBranches(root: ClientTreeNode, match: TopicNodeMatcher): Set<ClientTreeNode> {
  const found = new Set<ClientTreeNode>()
  const visit = (node: ClientTreeNode): boolean => {
    let any = node.topic !== null && match(node)
    for (const child of node.children.values()) if (visit(child)) any = true
    if (any) found.add(node)
    return any
  }
  visit(root)
  return found
}

/** The rows a user sees: children of expanded nodes, depth first, in display order. */
export function flattenTree(model: ClientModel, options: FlattenOptions): TreeRow[] {
  const rows: TreeRow[] = []
  const branches = options.match ? matchingBranches(model.root, options.match) : null
  const visit = (node: ClientTreeNode, depth: number): void => {
    const children = displayChildren(model, node, options.sort, options.descending)
    const shown = branches ? children.filter((child) => branches.has(child)) : children
    shown.forEach((child, index) => {
      const hasChildren = child.children.size > 0
      const expanded = hasChildren && (branches !== null || options.expanded.has(child.path))
      rows.push({ id: child.path, node: child, depth, expanded, hasChildren, posInSet: index + 1, setSize: shown.length })
      if (expanded) visit(child, depth + 1)
    })
  }
  visit(model.root, 0)
  return rows
}

/** The paths from the top level down to `path`'s parent: what must be expanded to reveal it. */
export function ancestorPaths(path: string): string[] {
  const levels = path.split('/')
  return levels.slice(0, -1).map((_, i) => levels.slice(0, i + 1).join('/'))
}
