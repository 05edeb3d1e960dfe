import type { BundleIssue } from '../bundle-types.ts';
import { fieldPointer, type BundleCheck } from './check-context.ts';

/** Reference targets exist, in this bundle or in a declared dependency. */
export const checkReferences: BundleCheck = ({ manifest, entities, available }) => {
  const issues: BundleIssue[] = [];
  const local = new Set(entities.map((e) => e.def.name));
  for (const { file, def } of entities) {
    for (const field of def.fields) {
      if (field.type !== 'reference' && field.type !== 'references') continue;
      const pointer = `${fieldPointer(def, field)}/entity`;
      const say = (code: string, message: string) =>
        issues.push({ file, pointer, code, message: `Field "${field.name}": ${message}` });
      const [bundle, entity] = field.entity.includes('.') ? field.entity.split('.') : [manifest.name, field.entity];
      if (bundle === manifest.name) {
        if (!local.has(entity!))
          say(
            'reference.unknown_entity',
            `it refers to "${entity}", which is not an entity of this bundle (known: ${[...local].join(', ')})`,
          );
        continue;
      }
      if (!Object.hasOwn(manifest.dependencies ?? {}, bundle!)) {
        say(
          'reference.undeclared_dependency',
          `it refers to the bundle "${bundle}", which bundle.json does not list in "dependencies": add it there`,
        );
        continue;
      }
      const dep = available.get(bundle!);
      if (!dep) continue; // reported by the dependency check
      if (!dep.entities.some((e) => e.name === entity)) {
        say('reference.unknown_entity', `the bundle "${bundle}" has no entity "${entity}"`);
      }
    }
    for (const f of def.fields) {
      if (f.type !== 'reference' || f.onDelete !== 'set-null' || !f.required) continue;
      issues.push({
        file,
        pointer: `${fieldPointer(def, f)}/onDelete`,
        code: 'reference.set_null_required',
        message: `Field "${f.name}": a required reference cannot use onDelete "set-null"; use "restrict" or "cascade"`,
      });
    }
  }
  return issues;
};
