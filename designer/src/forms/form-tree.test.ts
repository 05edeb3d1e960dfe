import fc from 'fast-check';
import type { AnyFormElement, FormElement } from '@opsflux/definitions';
import { describe, expect, it } from 'vitest';
import {
  canMove,
  flatten,
  getAt,
  isContainer,
  moveBy,
  moveTo,
  newElement,
  placedFields,
  removeAt,
  type DropTarget,
  type Path,
} from './form-tree.ts';

type Tagged = AnyFormElement & { tag?: number };
/** Every element of the tree tagged with a number; copies made by the operations keep it. */
function tagged(root: AnyFormElement): AnyFormElement {
  flatten(root).forEach((r, i) => ((r.element as Tagged).tag = i));
  return root;
}
const tagOf = (el: AnyFormElement | undefined) => (el as Tagged | undefined)?.tag;

function tree(): fc.Arbitrary<AnyFormElement> {
  let n = 0;
  const leaf = fc.constant(null).map((): FormElement => ({ type: 'Control', scope: `#/properties/f${n++}` }));
  const node: fc.Arbitrary<FormElement> = fc.letrec<{ el: FormElement }>((tie) => ({
    el: fc.oneof(
      { depthSize: 'small' },
      leaf,
      fc
        .tuple(fc.constantFrom('VerticalLayout', 'HorizontalLayout', 'Group'), fc.array(tie('el'), { maxLength: 3 }))
        .map(([type, elements]): FormElement =>
          type === 'Group'
            ? { type: 'Group', label: { en: `g${n++}` }, elements }
            : { type: type as 'VerticalLayout', elements },
        ),
    ),
  })).el;
  return fc.array(node, { maxLength: 5 }).map((elements) => tagged({ type: 'VerticalLayout', elements }));
}

const ids = (root: AnyFormElement) =>
  flatten(root)
    .map((r) => tagOf(r.element)!)
    .sort((x, y) => x - y);

describe('form layout tree', () => {
  it('moves keep every element once, and land where asked', () => {
    fc.assert(
      fc.property(tree(), fc.nat(), fc.nat(), fc.nat(), (root, a, b, c) => {
        const rows = flatten(root);
        const containers = rows.filter((r) => isContainer(r.element));
        const from = rows[a % rows.length]!.path;
        const parent = containers[b % containers.length]!;
        const target: DropTarget = {
          parent: parent.path,
          index: c % ((parent.element as unknown as { elements: unknown[] }).elements.length + 1),
        };
        const moved = moveTo(root, from, target);
        expect(ids(moved)).toEqual(ids(root));
        if (!canMove(root, from, target)) {
          expect(moved).toBe(root);
          return;
        }
        const el = getAt(root, from);
        const before = (getAt(root, target.parent) as { elements: AnyFormElement[] }).elements[target.index];
        const at = flatten(moved).find((r) => tagOf(r.element) === tagOf(el))!.path;
        const next = getAt(moved, [...at.slice(0, -1), at[at.length - 1]! + 1]);
        expect(tagOf(getAt(moved, at.slice(0, -1)))).toBe(tagOf(getAt(root, target.parent)));
        if (before && before !== el) expect(tagOf(next)).toBe(tagOf(before));
      }),
      { numRuns: 400 },
    );
  });

  it('refuses a move into the element itself, and categories outside a categorization', () => {
    const root: AnyFormElement = {
      type: 'VerticalLayout',
      elements: [
        { type: 'Group', label: { en: 'G' }, elements: [{ type: 'Control', scope: '#/properties/a' }] },
        newElement('Categorization', { en: 'Step' }) as FormElement,
      ],
    };
    expect(canMove(root, [0], { parent: [0], index: 0 })).toBe(false);
    expect(canMove(root, [1, 0], { parent: [], index: 0 })).toBe(false);
    expect(canMove(root, [0, 0], { parent: [1], index: 0 })).toBe(false);
    expect(canMove(root, [0, 0], { parent: [1, 0], index: 0 })).toBe(true);
    expect(canMove(root, [0, 0], { parent: [], index: 2 })).toBe(true);
  });

  it('moves a field one step and lists the placed fields', () => {
    const root: AnyFormElement = {
      type: 'VerticalLayout',
      elements: [
        { type: 'Control', scope: '#/properties/a' },
        { type: 'HorizontalLayout', elements: [{ type: 'Control', scope: '#/properties/b' }] },
        { type: 'Control', scope: '#/properties/c' },
      ],
    };
    expect(placedFields(moveBy(root, [0], 1))).toEqual(['b', 'a', 'c']);
    expect(placedFields(moveBy(root, [2], -1))).toEqual(['a', 'c', 'b']);
    expect(moveBy(root, [0], -1)).toBe(root);
    expect(placedFields(moveTo(root, [1, 0], { parent: [], index: 3 }))).toEqual(['a', 'c', 'b']);
    expect(placedFields(removeAt(root, [1]))).toEqual(['a', 'c']);
    expect(flatten(root).map((r) => r.path)).toEqual<Path[]>([[], [0], [1], [1, 0], [2]]);
  });
});
