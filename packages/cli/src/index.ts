export { type KeygenOptions, keygenCommand, writeNewSigningKey } from './commands/keygen.ts';
export { EXIT } from './failure.ts';
export { main, runCommand } from './main.ts';
export { buildProgram } from './program.ts';
