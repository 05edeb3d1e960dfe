import { RESERVED_COLUMNS } from '@opsflux/definitions';
import type { BundleIssue } from '../bundle-types.ts';
import { fieldPointer, type BundleCheck } from './check-context.ts';

/** Entity names are unique and match their file; field names are unique and not reserved. */
export const checkNames: BundleCheck = ({ entities }) => {
  const issues: BundleIssue[] = [];
  const byName = new Map<string, string>();
  for (const { file, def } of entities) {
    const base = file
      .split('/')
      .pop()!
      .replace(/(\.entity)?\.json$/, '');
    if (base !== def.name) {
      issues.push({
        file,
        pointer: '/name',
        code: 'entity.file_name',
        message: `The entity is named "${def.name}" but its file is "${file}": name the file ${def.name}.json`,
      });
    }
    const first = byName.get(def.name);
    if (first)
      issues.push({
        file,
        pointer: '/name',
        code: 'entity.duplicate',
        message: `Another entity is already named "${def.name}" (in ${first}): entity names must be unique in a bundle`,
      });
    else byName.set(def.name, file);
    const seen = new Set<string>();
    for (const field of def.fields) {
      const pointer = `${fieldPointer(def, field)}/name`;
      if (seen.has(field.name))
        issues.push({
          file,
          pointer,
          code: 'field.duplicate',
          message: `The field name "${field.name}" is used twice in "${def.name}": rename one of them`,
        });
      seen.add(field.name);
      if ((RESERVED_COLUMNS as readonly string[]).includes(field.name)) {
        issues.push({
          file,
          pointer,
          code: 'field.reserved',
          message: `"${field.name}" is a column every entity already has: choose another field name`,
        });
      }
    }
  }
  return issues;
};
