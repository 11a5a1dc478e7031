/**
 * Configures zod once for the whole project. Every schema file imports zod as `import * as z from
 * 'zod/mini'` (a namespace import, which esbuild tree-shakes: about 20 KB in main.js where classic
 * zod with every locale was about 450 KB) and imports this file for its side effect:
 * - English messages only: issue messages are shown to users and sent back to Claude.
 * - `jitless`: zod never compiles validators with `new Function` at run time (Obsidian's reviewers
 *   object to run-time code generation, and strict CSPs refuse it).
 */
import { config } from 'zod/mini';
import { en } from 'zod/locales';

config(en());
config({ jitless: true });
