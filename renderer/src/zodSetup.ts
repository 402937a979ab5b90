/**
 * zod 4 compiles fast object parsers with `new Function`, probing for it first. The desktop app's CSP forbids
 * eval, so the probe is blocked and reported as a CSP violation. Turning the JIT off skips the probe; this
 * module is imported before anything that defines a schema (ES modules evaluate in import order).
 */
import { z } from 'zod';

z.config({ jitless: true });
