import { encode as cborEncode } from 'cborg'
import { describe, expect, it } from 'vitest'
import { emptyDecoderPrefs } from '@shared/contract'
import { profileDecoders } from '@shared/decoders'
import { encodePayload } from '@shared/decoders/sparkplug/test/edgeNode'
import { plottableValueFields } from '@shared/series'
import { decodedView } from './decodedView'

const decoders = profileDecoders(emptyDecoderPrefs())

describe('the decoded value a chart plots from the viewer', () => {
  it('is the value of a CBOR payload, a Sparkplug message\'s metrics by name, and nothing for text or hex', () => {
    const cbor = decodedView(cborEncode({ t: 21.5, label: 'x' }), 'd/cbor', 'cbor', decoders)
    expect(plottableValueFields(cbor.plotted)).toEqual(['t'])
    const birth = encodePayload({ seq: 0, metrics: [{ name: 'Temperature', datatype: 'Double', doubleValue: 20 }] })
    const sparkplug = decodedView(birth, 'spBv1.0/G/NBIRTH/E', 'sparkplug', decoders)
    expect(plottableValueFields(sparkplug.plotted)).toEqual(['seq', 'metrics.Temperature'])
    expect(decodedView(new TextEncoder().encode('21.5'), 't', 'text', decoders).plotted).toBeUndefined()
    expect(decodedView(new Uint8Array([1, 2]), 't', 'hex', decoders).plotted).toBeUndefined()
  })
})
