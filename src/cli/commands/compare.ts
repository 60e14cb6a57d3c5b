// PLACEHOLDER: being written in this session; replaced before commit of the feature.
import { UsageError } from '../../core/errors.js';
import type { Command } from '../command.js';

export const compare: Command = {
  name: 'compare',
  summary: '(not built yet)',
  help: 'modelgate compare: not built yet',
  async run() {
    throw new UsageError('compare is not built yet');
  },
};
