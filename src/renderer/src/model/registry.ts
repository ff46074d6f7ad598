import { ClientModel } from './clientModel'

// One client model per connection, shared by every view of that connection.
const models = new Map<string, ClientModel>()

/** The client model of a connection, created empty on first use. */
export function getClientModel(connectionId: string): ClientModel {
  let model = models.get(connectionId)
  if (!model) models.set(connectionId, (model = new ClientModel(connectionId)))
  return model
}

/** Drops a connection's client model (when the connection is closed and forgotten). */
export function forgetClientModel(connectionId: string): void {
  models.delete(connectionId)
}
