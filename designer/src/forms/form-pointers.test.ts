import { describe, expect, it } from 'vitest';
import { issuesOfElement, placeOf } from './form-pointers.ts';

describe('form issue pointers', () => {
  it('finds the layout and the element a pointer names', () => {
    expect(placeOf('/layout/elements/0/elements/2/label')).toEqual({ layout: 'main', path: [0, 2] });
    expect(placeOf('/layout')).toEqual({ layout: 'main', path: [] });
    expect(placeOf('/variants/approved/elements/1/rule/condition')).toEqual({ layout: 'approved', path: [1] });
    expect(placeOf('/entity')).toBeNull();
    const issues = [
      { file: 'forms/a.json', pointer: '/layout/elements/1/scope', code: 'x', message: 'm' },
      { file: 'forms/a.json', pointer: '/layout/elements/1/elements/0', code: 'x', message: 'm' },
    ];
    expect(issuesOfElement(issues, 'main', [1])).toHaveLength(1);
    expect(issuesOfElement(issues, 'main', [1, 0])).toHaveLength(1);
    expect(issuesOfElement(issues, 'draft', [1])).toHaveLength(0);
  });
});
