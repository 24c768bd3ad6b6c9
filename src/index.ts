/**
 * GitHub Action entry: starts dist/action.js (src/action-main.ts), under the memory flags of
 * src/io/launch.ts on Node 24 (the action's runtime).
 */
import { launch } from './io/launch.js';

await launch(new URL('./action.js', import.meta.url));
