// Makes every icon the installers need from resources/icon.svg: `npm run icons`. The outputs are committed,
// so packaging needs no renderer; run it again after changing the SVG.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Resvg } from '@resvg/resvg-js'
import png2icons from 'png2icons'

const resources = join(import.meta.dirname, '..', 'resources')
/** The Linux icon theme sizes (electron-builder takes a folder of NxN.png); 1024 feeds the .ico and .icns. */
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const

function render(svg: string, size: number): Buffer {
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng())
}

async function main(): Promise<void> {
  const svg = await readFile(join(resources, 'icon.svg'), 'utf8')
  await mkdir(join(resources, 'icons'), { recursive: true })
  for (const size of ICON_SIZES) await writeFile(join(resources, 'icons', `${size}x${size}.png`), render(svg, size))
  const large = render(svg, 1024)
  await writeFile(join(resources, 'icon.png'), render(svg, 512))
  // BICUBIC keeps the thin strokes crisp at 16 px; PNG chunks keep the 256 px Windows icon small.
  const ico = png2icons.createICO(large, png2icons.BICUBIC, 0, true, true)
  const icns = png2icons.createICNS(large, png2icons.BICUBIC, 0)
  if (!ico || !icns) throw new Error('png2icons could not convert the rendered icon.')
  await writeFile(join(resources, 'icon.ico'), ico)
  await writeFile(join(resources, 'icon.icns'), icns)
  console.log(`Wrote resources/icons/{${ICON_SIZES.join(',')}}.png, icon.png, icon.ico and icon.icns.`)
}

await main()
