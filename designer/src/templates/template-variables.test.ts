import { describe, expect, it } from 'vitest';
import { sampleData, templateVariables } from './template-variables.ts';

describe('templateVariables', () => {
  it('finds plain paths, helper arguments and block parameters', () => {
    expect(
      templateVariables(
        'Hello {{name}}, {{request.title}} is due {{date request.due "day"}}.',
        '{{#if urgent}}now{{else}}later{{/if}} {{number total 2}} {{!-- a comment --}}',
      ),
    ).toEqual(['name', 'request.due', 'request.title', 'total', 'urgent']);
  });

  it('reads paths inside each and with on their item or object', () => {
    const source =
      '{{#each items}}- {{label}}: {{number amount 2}} {{@index}}{{/each}} {{#with record}}{{title}}{{/with}} {{after}}';
    expect(templateVariables(source)).toEqual([
      'after',
      'items',
      'items[].amount',
      'items[].label',
      'record',
      'record.title',
    ]);
  });

  it('ignores malformed tags without throwing', () => {
    expect(templateVariables('{{', '}}', '{{#each}}{{/each}}{{/if}}{{x}}')).toEqual(['x']);
  });
});

describe('sampleData', () => {
  it('builds nested objects and one-item lists from the variables', () => {
    expect(sampleData(['items', 'items[].label', 'name', 'record.title', 'record'])).toEqual({
      items: [{ label: 'label' }],
      name: 'name',
      record: { title: 'title' },
    });
  });
});
