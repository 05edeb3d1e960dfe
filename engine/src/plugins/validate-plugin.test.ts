import { describe, expect, it } from 'vitest';
import { definePlugin } from '../plugin-api.ts';
import { asPlugin, pluginProblems } from './validate-plugin.ts';

const minimal = { name: 'unit-convert', version: '0.1.0-beta.1' };

describe('pluginProblems', () => {
  it('accepts a minimal plugin and a complete one', () => {
    expect(pluginProblems(minimal)).toEqual([]);
    const complete = definePlugin({
      ...minimal,
      description: 'Units',
      setup() {},
      actions: { convert: async () => ({}) },
      ruleOperations: { to_base: (v) => v },
      fieldTypes: { quantity: { label: 'quantity', validate: () => true, normalize: (v) => v } },
      routes: [
        { method: 'GET', path: '/', handler: () => 1 },
        { method: 'GET', path: '/units/:code', handler: () => 1 },
        { method: 'POST', path: '/units/:code', handler: () => 1 },
      ],
    });
    expect(pluginProblems(complete)).toEqual([]);
    expect(asPlugin(complete)).toBe(complete);
  });

  it('says what a module exports instead of a plugin', () => {
    expect(pluginProblems(undefined)).toEqual([
      "the module's default export is undefined, not a plugin: export default definePlugin({ ... })",
    ]);
    expect(pluginProblems([minimal])[0]).toMatch(/is a list, not a plugin/);
    expect(() => asPlugin('iban')).toThrow(/^not a valid plugin: the module's default export is "iban"/);
  });

  it('checks the name and version', () => {
    for (const name of ['Iban', 'unit_convert', 'unit--convert', '-iban', 'iban-', '1iban', 'a'.repeat(41), 7]) {
      expect(pluginProblems({ ...minimal, name }), String(name)).toEqual([
        expect.stringMatching(/^name: must be lowercase letters and digits, words joined by dashes/),
      ]);
    }
    expect(pluginProblems({ ...minimal, version: '1.0' })).toEqual([
      'version: must be a semantic version like "1.0.0", got "1.0"',
    ]);
  });

  it('checks each part, naming where the problem is', () => {
    const problems = pluginProblems({
      ...minimal,
      action: {},
      actions: { go: 'run', 'Bad-Name': () => 1 },
      ruleOperations: { later: async () => 1, plain: 1 },
      fieldTypes: { code: { validate: async () => true, check: () => true }, none: null },
      routes: [
        { method: 'GET', path: '/a', handler: () => 1 },
        { method: 'GET', path: '/a', handler: () => 1 },
        { method: 'HEAD', path: 'a/*', handler: 'x' },
      ],
    });
    expect(problems).toEqual([
      'action: is not a plugin property (a plugin has name, version, description, setup, actions, ruleOperations, fieldTypes, routes)',
      'actions.go: must be a function (ctx) => outcome',
      'actions.Bad-Name: the name must start with a lowercase letter, then letters, digits or "_"',
      'ruleOperations.later: must be synchronous: rules are evaluated while a record is written',
      'ruleOperations.plain: must be a function (...args) => value',
      'fieldTypes.code.check: is not a field type property (label, normalize, validate)',
      'fieldTypes.code.validate: must be synchronous',
      'fieldTypes.none: must be an object { label?, normalize?, validate }',
      'routes[1]: GET /a is declared twice',
      'routes[2].method: must be one of GET, POST, PUT, PATCH, DELETE, got "HEAD"',
      'routes[2].path: must be a path like "/check" or "/rates/:code", got "a/*"',
      'routes[2].handler: must be a function (request) => answer',
    ]);
  });
});
