#!/usr/bin/env node
// Launcher for `npx soa-relay`: runs the TypeScript sources with no build step (see loadCli.mjs).
import { loadCli } from './loadCli.mjs';

const { runCli } = await loadCli();
runCli(process.argv.slice(2));
