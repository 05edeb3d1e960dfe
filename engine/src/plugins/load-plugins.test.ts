import path from 'node:path';
import jsonLogic from 'json-logic-js';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createConfig } from '../config.ts';
import { claimExtensions, fieldFormat } from './language-extensions.ts';
import { loadPlugins, resolveSpecifier } from './load-plugins.ts';

const REPO = path.resolve(import.meta.dirname, '../../..');
const log = pino({ level: 'silent' });
const empty = { operations: new Map(), formats: new Map(), actions: [] };

describe('PLUGINS', () => {
  it('is a comma-separated list, each entry once', () => {
    expect(createConfig({}).plugins).toEqual([]);
    expect(createConfig({ PLUGINS: ' plugins/iban , @acme/opsflux-plugin ,' }).plugins).toEqual([
      'plugins/iban',
      '@acme/opsflux-plugin',
    ]);
    expect(() => createConfig({ PLUGINS: 'plugins/iban,plugins/iban' })).toThrow(
      'Configuration: PLUGINS names "plugins/iban" twice',
    );
  });

  it('resolves paths from the working directory, then the repository root; leaves package names to Node', () => {
    const entry = `file://${path.join(REPO, 'plugins/iban/index.ts')}`;
    expect(resolveSpecifier('plugins/iban', '/nowhere')).toBe(entry);
    expect(resolveSpecifier('./iban', path.join(REPO, 'plugins'))).toBe(entry);
    expect(resolveSpecifier(path.join(REPO, 'plugins/iban/index.ts'), '/')).toBe(entry);
    expect(resolveSpecifier('@acme/opsflux-plugin', REPO)).toBe('@acme/opsflux-plugin');
    expect(() => resolveSpecifier('./missing', '/nowhere')).toThrow(/^no file or folder "\.\/missing"/);
  });

  it('leaves out a package that cannot be found, and loads the rest', async () => {
    const host = await loadPlugins(['@acme/no-such-plugin', 'plugins/iban'], { log, variable: () => undefined });
    expect(host.statuses.map((s) => [s.name, s.status])).toEqual([
      ['@acme/no-such-plugin', 'failed'],
      ['iban', 'loaded'],
    ]);
    expect(fieldFormat('iban.iban')?.label).toBe('IBAN');
    host.close();
    expect(fieldFormat('iban.iban')).toBeUndefined();
  });
});

describe('claimExtensions', () => {
  it('shares the entries of one plugin between engines and refuses another plugin the same names', () => {
    const owner = {};
    const ext = { ...empty, operations: new Map([['x.twice', (n: unknown) => Number(n) * 2]]) };
    const first = claimExtensions(owner, ext);
    const second = claimExtensions(owner, ext);
    expect(() => claimExtensions({}, { ...empty, actions: ['y.go'], operations: ext.operations })).toThrow(
      'another plugin already provides the rule operation "x.twice"',
    );
    expect(jsonLogic.apply({ 'x.twice': [2] } as never)).toBe(4);
    first();
    first();
    expect(jsonLogic.apply({ 'x.twice': [3] } as never)).toBe(6);
    second();
    expect(() => jsonLogic.apply({ 'x.twice': [3] } as never)).toThrow(/Unrecognized operation/);
  });
});
