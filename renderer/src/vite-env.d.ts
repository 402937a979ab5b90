/// <reference types="vite/client" />

/** The app's build, set by vite.config.ts: what this computer keeps from one build's export code is read only by it. */
declare const __SOA_BUILD_ID__: string;
