import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MenuItem } from '@opsflux/definitions';
import {
  canIndent,
  canMoveDown,
  canOutdent,
  flattenItems,
  freshName,
  indentItem,
  itemAt,
  moveItem,
  outdentItem,
  removeItem,
} from './menu-tree.ts';

const leaf = (name: string): MenuItem => ({ name, label: { en: name } });
const tree: MenuItem[] = [leaf('a'), { ...leaf('b'), children: [leaf('b1'), leaf('b2')] }, leaf('c')];
const names = (items: MenuItem[]) => flattenItems(items).map((x) => `${x.path.join('.')}:${x.item.name}`);

describe('menu tree operations', () => {
  it('moves an item among its siblings and says where it went', () => {
    const r = moveItem(tree, [1, 1], -1);
    expect(names(r.items)).toEqual(['0:a', '1:b', '1.0:b2', '1.1:b1', '2:c']);
    expect(r.path).toEqual([1, 0]);
    expect(canMoveDown(tree, [1, 1])).toBe(false);
    expect(canMoveDown(tree, [1])).toBe(true);
  });

  it('indents into the previous sibling, outdents right after the parent', () => {
    const r = indentItem(tree, [2]);
    expect(names(r.items)).toEqual(['0:a', '1:b', '1.0:b1', '1.1:b2', '1.2:c']);
    const back = outdentItem(r.items, r.path);
    expect(back.items).toEqual(tree);
    expect(back.path).toEqual([2]);
  });

  it('indents only into a group: an item opening a page holds no children', () => {
    const items: MenuItem[] = [
      { ...leaf('a'), view: 'v' },
      leaf('b'),
      { ...leaf('g'), children: [leaf('g1')] },
      leaf('c'),
    ];
    expect(canIndent(items, [1])).toBe(false);
    expect(canIndent(items, [3])).toBe(true);
  });

  it('drops a parent’s children list when its last child leaves', () => {
    const out = outdentItem(tree, [1, 0]);
    const again = outdentItem(out.items, [1, 0]);
    expect(names(again.items)).toEqual(['0:a', '1:b', '2:b2', '3:b1', '4:c']);
    expect(again.items[1]).toEqual(leaf('b'));
  });

  it('keeps within the depth limit: three levels', () => {
    const deep: MenuItem[] = [leaf('x'), { ...leaf('y'), children: [{ ...leaf('y1'), children: [leaf('y11')] }] }];
    expect(canIndent(deep, [1])).toBe(false);
    expect(canIndent(deep, [0])).toBe(false);
    expect(canIndent(tree, [2])).toBe(true);
    expect(canOutdent([0])).toBe(false);
  });

  it('removes an item with its children and names new items uniquely', () => {
    expect(names(removeItem(tree, [1]))).toEqual(['0:a', '1:c']);
    expect(freshName(tree, 'b1')).toBe('b1_2');
    expect(freshName(tree, 'z')).toBe('z');
  });
});

const item: fc.Arbitrary<MenuItem> = fc.letrec((tie) => ({
  item: fc.record(
    {
      name: fc.stringMatching(/^[a-z]{1,3}$/),
      label: fc.constant({ en: 'x' }),
      children: fc.array(tie('item') as fc.Arbitrary<MenuItem>, { minLength: 1, maxLength: 3 }),
    },
    { requiredKeys: ['name', 'label'] },
  ),
})).item;
const items = fc.array(item, { minLength: 1, maxLength: 4 });
const pick = (list: MenuItem[], n: number) => {
  const all = flattenItems(list);
  return all[n % all.length]!.path;
};

describe('properties', () => {
  it('indent then outdent puts the tree back', () => {
    fc.assert(
      fc.property(items, fc.nat(), (list, n) => {
        const path = pick(list, n);
        fc.pre(canIndent(list, path));
        const r = indentItem(list, path);
        expect(outdentItem(r.items, r.path).items).toEqual(list);
        expect(itemAt(r.items, r.path)).toEqual(itemAt(list, path));
      }),
    );
  });

  it('moving down then up puts the tree back; no move loses an item', () => {
    fc.assert(
      fc.property(items, fc.nat(), (list, n) => {
        const path = pick(list, n);
        fc.pre(canMoveDown(list, path));
        const down = moveItem(list, path, 1);
        expect(flattenItems(down.items)).toHaveLength(flattenItems(list).length);
        expect(moveItem(down.items, down.path, -1).items).toEqual(list);
      }),
    );
  });
});
