// The command table. Add a command by writing ./<name>.ts exporting a Command and listing it here.
import type { Command } from '../command.js';
import { bot } from './bot.js';
import { compare } from './compare.js';
import { demo } from './demo.js';
import { evaluate } from './evaluate.js';
import { merge } from './merge.js';
import { thresholds } from './thresholds.js';

export const commands: Command[] = [evaluate, compare, merge, thresholds, demo, bot];
