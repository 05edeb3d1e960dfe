/** The files of `after` whose content differs from `before` (a bundle-wide editor hands back all). */
export function changedFiles(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, content] of Object.entries(after)) {
    if (content !== before[path] && JSON.stringify(content) !== JSON.stringify(before[path])) out[path] = content;
  }
  return out;
}
