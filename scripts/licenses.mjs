// dist/licenses.txt: the license of every third-party package bundled into dist/, as GitHub's
// action templates ship it. The packages come from esbuild's metafile (the files it really
// bundled), their texts from each package's own LICENSE file (else its package.json field).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The package folder (…/node_modules/name or …/node_modules/@scope/name) holding `file`, or null. */
function packageDir(file) {
  const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(file.replace(/\\/g, '/'));
  return m ? m[1] : null;
}

function licenseText(dir) {
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  return file ? readFileSync(join(dir, file), 'utf8').trim() : null;
}

/** The notice text for the packages bundled according to esbuild metafiles (paths relative to `root`). */
export function licenseNotices(metafiles, root = '.') {
  const dirs = new Set();
  for (const meta of metafiles)
    for (const input of Object.keys(meta.inputs)) {
      const dir = packageDir(input);
      if (dir) dirs.add(dir);
    }
  const entries = new Map();
  for (const dir of dirs) {
    const pkgFile = join(root, dir, 'package.json');
    if (!existsSync(pkgFile)) continue;
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
    const id = `${pkg.name}@${pkg.version}`;
    if (entries.has(id)) continue;
    entries.set(id, { id, license: pkg.license ?? '', text: licenseText(join(root, dir)) });
  }
  // A package without a license file: its SPDX license, and where the text of that license is.
  const withText = [...entries.values()].filter((e) => e.text);
  for (const e of entries.values()) {
    if (e.text) continue;
    const same = withText.find((o) => o.license === e.license);
    e.text = `License: ${e.license || 'not stated'} (the package has no license file${same ? `; the license text is the one given for ${same.id}` : ''})`;
  }
  return [...entries.values()]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((e) => `${e.id}${e.license ? ` (${e.license})` : ''}\n\n${e.text}\n`)
    .join(`\n${'-'.repeat(72)}\n\n`);
}
