#!/usr/bin/env node
// The `certify` command: loads the TypeScript source through tsx (as the repository's scripts run,
// `node --import tsx`), then runs it with this process's arguments.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
await main(process.argv);
