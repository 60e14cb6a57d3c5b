// Entry point of the bot (bundled to dist/bot.js): settings from the environment or .env, then
// the server until SIGTERM. A missing or malformed setting: one line, exit 2.
import { describeError } from '../exit.js';
import { startBot } from './bot.js';
import { readBotConfig } from './config.js';

async function main(): Promise<number> {
  await startBot(readBotConfig());
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    const { message, exitCode } = describeError(e);
    process.stderr.write(message + '\n');
    process.exitCode = exitCode;
  },
);
