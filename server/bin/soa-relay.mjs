#!/usr/bin/env node
// Launcher for `npx soa-relay`: registers tsx so the TypeScript sources run directly, with no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../cli.ts');
runCli(process.argv.slice(2));
