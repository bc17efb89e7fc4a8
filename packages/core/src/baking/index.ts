export { bakePng, PNG_CREDENTIAL_KEYWORD, parseBaked, unbakePng } from './bake-png.ts';
export { bakeSvg, OPEN_BADGES_SVG_NAMESPACE, unbakeSvg } from './bake-svg.ts';
export { type Ob2Baked, parseOb2Baked } from './ob2-parse-baked.ts';
export { OB2_PNG_KEYWORD, unbakeOb2Png } from './ob2-unbake-png.ts';
export { OB2_SVG_NAMESPACE, unbakeOb2Svg } from './ob2-unbake-svg.ts';
export { type PngChunk, readPngChunks, readPngText, writePngChunks } from './png-chunks.ts';
