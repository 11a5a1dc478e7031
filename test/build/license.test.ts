/** The community-plugin checklist wants a LICENSE at the top level, matching package.json. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const repo = resolve(__dirname, '..', '..');

it('LICENSE is the MIT licence that package.json names, with this year or earlier and a holder', () => {
  const license = readFileSync(resolve(repo, 'LICENSE'), 'utf8');
  const pkg = JSON.parse(readFileSync(resolve(repo, 'package.json'), 'utf8')) as { license: string };
  expect(pkg.license).toBe('MIT');
  expect(license.split('\n')[0]).toBe('MIT License');
  expect(license).toContain('Permission is hereby granted, free of charge');
  const m = /^Copyright \(c\) (\d{4}) (.+)$/m.exec(license);
  expect(m).not.toBeNull();
  expect(Number(m![1])).toBeLessThanOrEqual(new Date().getFullYear());
  expect(m![2]).not.toMatch(/Dynalist/);
});
