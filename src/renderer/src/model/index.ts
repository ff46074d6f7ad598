// The renderer's side of the model stream: client models updated outside React, read by views each frame.
export { ClientModel, type ClientTreeNode, type ModelVersionState } from './clientModel'
export { getClientModel, forgetClientModel } from './registry'
export { startModelStream, type ModelStreamOptions } from './stream'
export { useClientModel, useModelVersion } from './useModel'
export { listenSeries, type SeriesListener } from './seriesListeners'
