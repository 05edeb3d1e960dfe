import type { I18nText } from '@opsflux/definitions';
import type { DraftIssue } from '../editor-types.ts';

/** The shapes of the designer API (docs/designer-api.md), as the designer reads them. */

export interface DraftSummary {
  revision: number;
  updatedAt: string;
  updatedBy: string | null;
  updatedByName?: string | null;
}

export interface AdminBundle {
  name: string;
  title: I18nText | string;
  version: string | null;
  /** `draft`: started in the designer, never published. */
  status: 'active' | 'inactive' | 'draft';
  /** `{ name: range }` as bundle.json writes them (an engine may answer a list of names). */
  dependencies: Record<string, string> | string[];
  dependants: string[];
  appliedAt: string | null;
  appliedBy: string | null;
  draft: DraftSummary | null;
}

export interface Draft {
  bundle: string;
  revision: number;
  baseVersion: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
  updatedByName?: string | null;
  /** False when these are the applied files (no draft yet, revision 0). */
  isDraft?: boolean;
  files: Record<string, unknown>;
}

/** What a draft write answers: the new revision, and files others changed meanwhile (null: removed). */
export interface ChangeResult {
  revision: number;
  changed?: Record<string, unknown>;
}

export interface ValidationResult {
  ok: boolean;
  issues: DraftIssue[];
}

export interface PlanStep {
  action: string;
  table: string;
  column?: string;
  description: string;
  destructive: boolean;
  rowsAffected?: number;
}

export interface Plan {
  fromVersion: string | null;
  toVersion: string | null;
  steps: PlanStep[];
  noop: boolean;
}

/** A step that would fail on the data as it is (a dry run rolled back). */
export interface PlanProblem {
  step: number;
  action: string;
  table: string;
  column?: string;
  description: string;
  count?: number;
  sampleIds?: string[];
  error?: string;
}

export interface PlanResult {
  ok: boolean;
  issues: DraftIssue[];
  plan: Plan | null;
  problems?: PlanProblem[];
}

export interface BundleVersion {
  id: number;
  version: string;
  operation: string;
  checksum: string;
  appliedAt: string;
  appliedBy: string | null;
  steps: PlanStep[] | number | null;
}

export interface DiffChange {
  pointer: string;
  before?: unknown;
  after?: unknown;
}

export interface FileDiff {
  path: string;
  status: 'added' | 'removed' | 'changed';
  changes: DiffChange[];
}

export interface DependencyCheck {
  name: string;
  range: string;
  installed: string | null;
  ok: boolean;
}

export interface ImportCheck {
  /** Null when the .zip cannot be applied (it has issues). */
  importId: string | null;
  bundle: string;
  version: string;
  installedVersion?: string | null;
  issues: DraftIssue[];
  dependencies: DependencyCheck[];
  plan: Plan | null;
  problems?: PlanProblem[];
}

/** The details of a `409 draft_conflict`: who wrote the draft since we read it. */
export interface DraftConflict {
  revision: number;
  updatedBy: string | null;
  updatedAt: string | null;
  file: string | null;
}
