export { bakePng, PNG_CREDENTIAL_KEYWORD, parseBaked, unbakePng } from './bake-png.ts';
export { bakeSvg, OPEN_BADGES_SVG_NAMESPACE, unbakeSvg } from './bake-svg.ts';
export { type PngChunk, readPngChunks, writePngChunks } from './png-chunks.ts';
