// Opening a split's predictions: the format is chosen by extension (or a folder of .npy files).

import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { openCsv } from './csv.js';
import { openJsonl } from './jsonl.js';
import { openNumpy } from './numpy.js';
import { errCode } from './source.js';
import { InputError, type PredictionStream, type ReadOptions } from './types.js';

export const PREDICTION_FORMATS = '.csv, .jsonl/.ndjson, .npz, or a folder with labels.npy and scores.npy/preds.npy';

export async function openPredictions(path: string, opts: ReadOptions): Promise<PredictionStream> {
  const st = await stat(path).catch((e: unknown) => {
    throw new InputError(
      path,
      null,
      `not found or not readable (${errCode(e)}); expected a predictions file (${PREDICTION_FORMATS})`,
    );
  });
  if (st.isDirectory()) return openNumpy(path, opts, true);
  const ext = extname(path).toLowerCase();
  switch (ext) {
    case '.csv':
      return openCsv(path, opts);
    case '.jsonl':
    case '.ndjson':
      return openJsonl(path, opts);
    case '.npz':
      return openNumpy(path, opts, false);
    default:
      throw new InputError(
        path,
        null,
        `has an unknown extension ${JSON.stringify(ext)}; expected ${PREDICTION_FORMATS}`,
      );
  }
}
