import { templateProblems } from '../../mail/compile-template.ts';
import type { BundleIssue } from '../bundle-types.ts';
import type { BundleCheck } from './check-context.ts';

/**
 * Templates are unique and match their file; their Handlebars compiles in every language given,
 * reads only data, and English is there to fall back on. Which variables a template reads is not
 * checked: the data comes from whoever sends the mail, and a missing one fails that send.
 */
export const checkTemplates: BundleCheck = ({ templates }) => {
  const issues: BundleIssue[] = [];
  const byName = new Map<string, string>();
  for (const { file, def } of templates) {
    const base = file
      .split('/')
      .pop()!
      .replace(/(\.template)?\.json$/, '');
    if (base !== def.name) {
      issues.push({
        file,
        pointer: '/name',
        code: 'template.file_name',
        message: `The template is named "${def.name}" but its file is "${file}": name the file ${def.name}.json`,
      });
    }
    const first = byName.get(def.name);
    if (first) {
      issues.push({
        file,
        pointer: '/name',
        code: 'template.duplicate',
        message: `Another template is already named "${def.name}" (in ${first})`,
      });
    } else byName.set(def.name, file);
    for (const p of templateProblems(def)) issues.push({ file, ...p });
  }
  return issues;
};
