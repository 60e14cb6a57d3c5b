// The command table. Add a command by writing ./<name>.ts exporting a Command and listing it here.
import type { Command } from '../command.js';

export const commands: Command[] = [];
