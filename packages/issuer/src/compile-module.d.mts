/**
 * Compiles a TypeScript entry module (and the repository's TypeScript it imports) into one
 * JavaScript module at `outFile` that runs with plain Node; installed packages stay imports of
 * their own files. Resolves with the module's URL. See compile-module.mjs.
 */
export declare function compileModule(entry: string, outFile: string): Promise<URL>;
