export { ChartsPanel } from './ChartsPanel'
export { PlotButton } from './PlotButton'
