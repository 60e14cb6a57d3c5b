// PLACEHOLDER: being written in this session; replaced before commit of the feature.
import { UsageError } from '../../core/errors.js';
import type { Command } from '../command.js';

export const merge: Command = {
  name: 'merge',
  summary: '(not built yet)',
  help: 'modelgate merge: not built yet',
  async run() {
    throw new UsageError('merge is not built yet');
  },
};
