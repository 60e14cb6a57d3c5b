// A worker thread takes the reading thread's label grid instead of building its own
// (score-grid.ts's seedLabelGrid), and ignores one of another shape. Its own file: the grid is
// built once a module instance, and here nothing has built it yet.
import { cellOf, labelGrid, seedLabelGrid, type LabelGrid } from '../../../src/core/diagnostics/score-grid.js';

it('seedLabelGrid takes a grid of the right shape, and ignores others', () => {
  const cells = cellOf(1) + 1;
  const shaped = (n: number): LabelGrid => ({
    cells: n,
    bin: new Uint16Array(n),
    ece: new Uint8Array(n),
    slot: new Uint16Array(n),
  });
  seedLabelGrid(shaped(cells - 1));
  seedLabelGrid({ ...shaped(cells), bin: new Uint16Array(cells - 1) });
  seedLabelGrid({ ...shaped(cells), ece: new Uint16Array(cells) as unknown as Uint8Array });
  const given = shaped(cells);
  seedLabelGrid(given);
  expect(labelGrid()).toBe(given);
  // Once there is a grid, another is not taken.
  seedLabelGrid(shaped(cells));
  expect(labelGrid()).toBe(given);
});
