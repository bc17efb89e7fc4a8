/** png-chunks-extract 1.0.0 ships no types: it returns a PNG's chunks, name and data. */
declare module 'png-chunks-extract' {
  export default function extractChunks(png: Uint8Array): Array<{ name: string; data: Uint8Array }>;
}
