/**
 * Our files with what others saved meanwhile (as a draft write answers it: new content, or null
 * for a removed file). A file we are still to save keeps our content: our write comes next.
 */
export function mergeChanged(
  files: Readonly<Record<string, unknown>>,
  changed: Readonly<Record<string, unknown>> | undefined,
  pending: ReadonlySet<string> | ReadonlyMap<string, unknown>,
): Record<string, unknown> {
  if (!changed || Object.keys(changed).length === 0) return files as Record<string, unknown>;
  const next = { ...files };
  for (const [path, content] of Object.entries(changed)) {
    if (pending.has(path)) continue;
    if (content === null) delete next[path];
    else next[path] = content;
  }
  return next;
}
