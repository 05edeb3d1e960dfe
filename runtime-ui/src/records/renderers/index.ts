import { materialCells, materialRenderers } from '@jsonforms/material-renderers';
import type { JsonFormsRendererRegistryEntry } from '@jsonforms/core';
import { ComputedRenderer, computedTester } from './computed-control.tsx';
import { DateRenderer, dateTester } from './date-control.tsx';
import { DateTimeRenderer, dateTimeTester } from './datetime-control.tsx';
import { DecimalRenderer, decimalTester } from './decimal-control.tsx';
import { EnumRenderer, enumTester } from './enum-control.tsx';
import { GeopointRenderer, geopointTester } from './geopoint-control.tsx';
import { HorizontalRenderer, horizontalLayoutTester } from './horizontal-layout.tsx';
import { JsonRenderer, jsonTester } from './json-control.tsx';
import { ReferenceRenderer, referenceTester } from './reference-control.tsx';
import { ReferencesRenderer, referencesTester } from './references-control.tsx';
import { RelatedRenderer, relatedTester } from './related-records.tsx';

/**
 * The renderers records are drawn with: JSON Forms' MUI set, and ours for what a field type
 * needs beyond it (and a row of fields that stacks on a phone). Adding one: a file exporting a
 * tester and a renderer, and a line here.
 */
export const renderers: JsonFormsRendererRegistryEntry[] = [
  ...materialRenderers,
  { tester: referenceTester, renderer: ReferenceRenderer },
  { tester: referencesTester, renderer: ReferencesRenderer },
  { tester: enumTester, renderer: EnumRenderer },
  { tester: jsonTester, renderer: JsonRenderer },
  { tester: computedTester, renderer: ComputedRenderer },
  { tester: decimalTester, renderer: DecimalRenderer },
  { tester: dateTester, renderer: DateRenderer },
  { tester: dateTimeTester, renderer: DateTimeRenderer },
  { tester: geopointTester, renderer: GeopointRenderer },
  { tester: relatedTester, renderer: RelatedRenderer },
  { tester: horizontalLayoutTester, renderer: HorizontalRenderer },
];

export const cells = materialCells;
