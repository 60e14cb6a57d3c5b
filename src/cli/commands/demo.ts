// PLACEHOLDER: being written in this session; replaced before commit of the feature.
import { UsageError } from '../../core/errors.js';
import type { Command } from '../command.js';

export const demo: Command = {
  name: 'demo',
  summary: '(not built yet)',
  help: 'modelgate demo: not built yet',
  async run() {
    throw new UsageError('demo is not built yet');
  },
};
