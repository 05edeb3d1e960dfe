import type { ApiRecord } from '../data/record-mapper.ts';
import { notFound } from '../errors.ts';
import type { CompiledEntity, CompiledWorkflow } from '../registry/registry-types.ts';

export function workflowOf(entity: CompiledEntity): CompiledWorkflow {
  if (!entity.workflow) throw notFound(`${entity.key} has no workflow`);
  return entity.workflow;
}

/** The workflow a record runs under: the version it started with, until a migration moved it. */
export function workflowFor(entity: CompiledEntity, record: ApiRecord): CompiledWorkflow {
  const wf = workflowOf(entity);
  const version = record.workflow_version as string | null | undefined;
  return (version && entity.workflowVersions?.get(version)) || wf;
}
