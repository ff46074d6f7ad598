/**
 * One level of the topic tree; `entry` is set when a topic lives on exactly this path. The entry type is a
 * parameter so the index knows nothing of what it indexes (a topic entry also points back to its node).
 */
export class TreeNode<E> {
  children: Map<string, TreeNode<E>> | undefined
  entry: E | undefined
  /** Topics at or below this node (kept current on insert and remove; other totals are computed on demand). */
  topicCount = 0

  constructor(
    readonly name: string,
    readonly parent: TreeNode<E> | undefined
  ) {}

  /** The levels from the root joined by '/' (computed on demand: queries are rare, nodes are many). */
  get path(): string {
    if (!this.parent) return ''
    const levels = [this.name]
    for (let at = this.parent; at.parent; at = at.parent) levels.push(at.name)
    return levels.reverse().join('/')
  }
}

/**
 * The tree index over the flat topic table. It changes only when a topic appears or disappears, so the
 * per-message path never walks it; message totals are summed when a query asks for them.
 */
export class TopicTree<E> {
  readonly root = new TreeNode<E>('', undefined)

  /** The node of `topic`, created with its missing ancestors; counts it as one more topic on the path. */
  insert(topic: string): TreeNode<E> {
    let node = this.root
    for (const level of topic.split('/')) {
      node.topicCount++
      const children = (node.children ??= new Map())
      let child = children.get(level)
      if (!child) children.set(level, (child = new TreeNode(level, node)))
      node = child
    }
    node.topicCount++
    return node
  }

  /** Forgets the topic of `node`, pruning levels left without topics. */
  remove(node: TreeNode<E>): void {
    node.entry = undefined
    for (let at: TreeNode<E> | undefined = node; at; at = at.parent) at.topicCount--
    for (let at: TreeNode<E> = node; at.parent && at.topicCount === 0; at = at.parent) at.parent.children?.delete(at.name)
  }

  /** The node at `path` (null: the root), or undefined. */
  find(path: string | null): TreeNode<E> | undefined {
    if (path === null) return this.root
    let node: TreeNode<E> | undefined = this.root
    for (const level of path.split('/')) {
      node = node.children?.get(level)
      if (!node) return undefined
    }
    return node
  }

  /** Calls `visit` for every topic entry at or below `node`. */
  forEachEntry(node: TreeNode<E>, visit: (entry: E) => void): void {
    const stack: TreeNode<E>[] = [node]
    for (let at = stack.pop(); at; at = stack.pop()) {
      if (at.entry) visit(at.entry)
      if (at.children) for (const child of at.children.values()) stack.push(child)
    }
  }
}
