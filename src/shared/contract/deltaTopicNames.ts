import { DELTA_STRIDE, DeltaField, type ModelDelta } from './model'

/**
 * A receiver's side of the ids deltas name topics by: learns names as deltas bring them and gives each
 * delta's changed topics back as names. The stored names are the same string objects delta after delta,
 * so a map keyed by them hashes each name once instead of once per delta.
 */
export class DeltaTopicNames {
  private byId: string[] = []

  /**
   * Takes in a delta (forgetting every name first when it resets) and returns the names of its changed
   * topics, in order; undefined for an id never named since the reset, which an in-order stream never has.
   */
  read(delta: ModelDelta): Array<string | undefined> {
    if (delta.reset) this.byId = []
    for (let i = 0; i < delta.names.length; i++) this.byId[delta.nameIds[i] as number] = delta.names[i] as string
    const count = delta.numbers.length / DELTA_STRIDE
    const names = new Array<string | undefined>(count)
    for (let i = 0; i < count; i++) names[i] = this.byId[delta.numbers[i * DELTA_STRIDE + DeltaField.topicId] as number]
    return names
  }
}
