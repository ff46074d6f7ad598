import type { ClientTreeNode } from '../../model'

/** Topics at or below `node` whose latest value is retained: what a subtree clear would publish to. */
export function countRetained(node: ClientTreeNode | undefined, subtree: boolean): number {
  if (!node) return 0
  if (!subtree) return node.topic?.retained ? 1 : 0
  let count = node.topic?.retained ? 1 : 0
  for (const child of node.children.values()) count += countRetained(child, true)
  return count
}
