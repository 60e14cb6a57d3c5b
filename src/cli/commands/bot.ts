// `modelgate bot`: the GitHub App server (see README, "The modelgate bot").
import { UsageError } from '../../core/errors.js';
import type { Command } from '../command.js';

const HELP = `usage: modelgate bot

Runs the modelgate GitHub App: receives webhooks, answers /modelgate commands in pull
request comments, and comments and checks pull requests (forks too) from the evaluation
artifacts of workflows that run modelgate with mode: evaluate-only.

settings (environment, or a .env file in the working directory):
  APP_ID                 the App id
  PRIVATE_KEY            the App private key (PEM), or
  PRIVATE_KEY_PATH       a path to it
  WEBHOOK_SECRET         the webhook secret
  PORT                   default 3000
  WEBHOOK_PATH           default /api/github/webhooks
  GITHUB_API_URL         default https://api.github.com (GitHub Enterprise Server: https://HOST/api/v3)

GET /healthz answers 200 while the bot runs; SIGTERM finishes in-flight deliveries and stops.
`;

export const bot: Command = {
  name: 'bot',
  summary: 'run the modelgate GitHub App (webhook server)',
  help: HELP,
  async run(argv) {
    if (argv.length)
      throw new UsageError(
        `bot: takes no arguments (settings come from the environment or .env), got ${JSON.stringify(argv[0])}`,
      );
    // Loaded here, not at start-up (issue 14).
    const { readBotConfig } = await import('../../bot/config.js');
    const { startBot } = await import('../../bot/bot.js');
    await startBot(readBotConfig());
    return 0;
  },
};
