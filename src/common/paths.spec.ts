import { isInsideDirectory } from './paths.js';

describe('isInsideDirectory', () => {
  it.each([
    ['/imports/a.json', true],
    ['/imports/sub/a.json', true],
    ['/imports/..backup.json', true],
    ['/imports', false],
    ['/', false],
    ['/etc/passwd', false],
    ['/imports-other/a.json', false],
  ])('%s inside /imports: %s', (path, inside) => {
    expect(isInsideDirectory('/imports', path)).toBe(inside);
  });
});
