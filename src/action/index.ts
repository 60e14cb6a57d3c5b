// Entry point of the bundled action (dist/index.js): runs the action once.
import { run } from './main.js';

await run();
