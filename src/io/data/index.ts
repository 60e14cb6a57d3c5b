// Opens one split's features by its form: a CSV/TSV file (optionally .gz), an .npz archive, a
// folder with x.npy + y.npy, or an image folder (<split>/<class>/*.png|jpg).

import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../types.js';
import { readCsvFeatures } from './csv.js';
import { readImageFolder } from './images.js';
import { readNumpyFeatures } from './npy.js';
import type { DataOptions, FeatureStream } from './types.js';

export type { DataOptions, FeatureBatch, FeatureStream, ImageOptions } from './types.js';
export { imageClassNames } from './images.js';

export type DataFormat = 'csv' | 'npz' | 'npy-dir' | 'images';

export async function detectDataFormat(p: string): Promise<DataFormat> {
  let st;
  try {
    st = await stat(p);
  } catch {
    throw new InputError(p, null, 'data not found');
  }
  if (st.isDirectory()) {
    if (existsSync(path.join(p, 'x.npy'))) return 'npy-dir';
    return 'images';
  }
  if (/\.npz$/i.test(p)) return 'npz';
  if (/\.(csv|tsv|txt)(\.gz)?$/i.test(p)) return 'csv';
  throw new InputError(
    p,
    null,
    'unknown data format: expected .csv/.tsv (optionally .gz), .npz, a folder with x.npy + y.npy, or an image folder <split>/<class>/*.png|jpg',
  );
}

export async function openFeatures(p: string, opts: DataOptions): Promise<FeatureStream> {
  const format = await detectDataFormat(p);
  if (format === 'csv') return readCsvFeatures(p, opts);
  if (format === 'images') return readImageFolder(p, opts);
  return readNumpyFeatures(p, opts);
}
