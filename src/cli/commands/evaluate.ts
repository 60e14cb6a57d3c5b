// PLACEHOLDER: being written in this session; replaced before commit of the feature.
import { UsageError } from '../../core/errors.js';
import type { Command } from '../command.js';

export const evaluate: Command = {
  name: 'evaluate',
  summary: '(not built yet)',
  help: 'modelgate evaluate: not built yet',
  async run() {
    throw new UsageError('evaluate is not built yet');
  },
};
