// Uploading an artifact of this run (evaluate-only mode). Placeholder until the artifact client
// lands: the evaluation file is left for actions/upload-artifact.
import { UsageError } from '../core/errors.js';
import type { UploadArtifact } from './fork.js';

export const uploadArtifact: UploadArtifact = async (name, files) => {
  throw new UsageError(`uploading artifact ${name} (${files.join(', ')}) is not available in this build`);
};
