import type { EntityDefinition, I18nText } from '@opsflux/definitions';

/**
 * The shapes the engine answers, as the app reads them. Labels arrive either resolved to the
 * reader's language (a string) or as the definition wrote them (one text per language).
 */
export type Text = I18nText | string;

export interface DataResponse<T> {
  data: T;
}

export interface ListMeta {
  limit: number;
  nextCursor: string | null;
  page?: number;
  total?: number;
}

export interface ListResponse<T> {
  data: T[];
  meta: ListMeta;
}

export interface ApiRecord extends Record<string, unknown> {
  id: string;
  version: number;
  state?: string;
  created_at?: string;
  updated_at?: string;
}

export interface EntitySummary {
  name: string;
  label?: Text;
  pluralLabel?: Text;
}

export interface BundleSummary {
  name: string;
  version: string;
  title?: Text;
  description?: Text | null;
  entities?: EntitySummary[];
}

export interface WorkflowStateMeta {
  name: string;
  label?: Text;
  color?: string;
  category?: string;
  initial?: boolean;
  final?: boolean;
}

export interface ViewColumnMeta {
  field: string;
  label?: Text;
  width?: number;
}

export interface ViewMeta {
  name: string;
  /** The bundle defining it, when the engine says. */
  bundle?: string;
  /** `<entity>` or `<bundle>.<entity>`. */
  entity: string;
  label: Text;
  type: 'list' | 'kanban';
  columns: ViewColumnMeta[];
  sort?: { field: string; direction: 'asc' | 'desc' }[];
  filter?: Record<string, unknown>;
  pageSize?: number;
}

export interface FormMeta {
  name: string;
  bundle?: string;
  entity: string;
  label?: Text;
  layout: Record<string, unknown>;
  wizard?: boolean;
  variants?: Record<string, Record<string, unknown>>;
}

export interface EntityMeta {
  bundle: string;
  name: string;
  title: string;
  definition: EntityDefinition;
  schema: Record<string, unknown>;
  inputSchema: Record<string, unknown>;
  views?: ViewMeta[];
  forms?: FormMeta[];
  workflow?: { name?: string; states: WorkflowStateMeta[] };
}

export interface MenuItemMeta {
  name: string;
  label: Text;
  icon?: string;
  view?: string;
  form?: string;
  url?: string;
  children?: MenuItemMeta[];
}

export interface MenuMeta {
  name: string;
  bundle?: string;
  label: Text;
  icon?: string;
  order?: number;
  items: MenuItemMeta[];
}

/** `GET /api/v1/meta/ui`: what the user may open, already filtered by their permissions. */
export interface UiMeta {
  menus: MenuMeta[];
  views?: ViewMeta[] | Record<string, ViewMeta>;
  forms?: FormMeta[] | Record<string, FormMeta>;
}

export interface Me {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  locale?: string;
  timeZone?: string;
  systemRoles: string[];
  secondFactor: boolean;
  companyId: string | null;
  companies: { id: string; code: string; name: string; roles: string[] }[];
  pending: string | null;
}

export interface EntityAbilities {
  label: string;
  actions: string[];
  restrictedFields: string[];
  readonlyFields: string[];
}

export interface Abilities {
  unrestricted: boolean;
  systemRoles: string[];
  companyId: string | null;
  entities: Record<string, EntityAbilities>;
  rules: { action: string | string[]; subject: string | string[]; conditions?: object; fields?: string[] }[];
}

export interface Obstacle {
  code: string;
  message: string;
}

export interface TransitionOption {
  name: string;
  label: string;
  to: string;
  allowed: boolean;
  obstacles: Obstacle[];
  requiredFields: string[];
  commentRequired: boolean;
}

export interface TransitionsInfo {
  state: string;
  stateLabel: string;
  final: boolean;
  workflowVersion?: string;
  transitions: TransitionOption[];
}

export interface Person {
  id: string;
  name: string | null;
}

export interface ApprovalStep {
  id: string;
  name: string;
  label: Text;
  status: 'pending' | 'approved' | 'rejected' | 'waiting' | 'cancelled' | string;
  approvers: Person[];
  openedAt: string | null;
  decidedAt: string | null;
  decidedBy: Person | null;
  onBehalfOf: Person | null;
  comment: string | null;
}

export interface Approval {
  id: string;
  name: string;
  state: string;
  mode: string;
  quorum: number | null;
  status: 'open' | 'approved' | 'rejected' | 'cancelled' | string;
  openedAt: string | null;
  closedAt: string | null;
  steps: ApprovalStep[];
}

export interface PendingApproval {
  stepId: string;
  step: string;
  stepLabel: string;
  approval: string;
  state: string;
  entity: string;
  recordId: string;
  openedAt: string;
  asDelegate: boolean;
}

export interface WorkflowStep {
  kind: 'transition' | 'decision' | 'migration' | string;
  transition: string | null;
  approval?: string;
  step?: string;
  decision?: string;
  onBehalfOf?: string | null;
  from: string | null;
  to: string | null;
  actorId: string | null;
  actorName: string | null;
  comment: string | null;
  at: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  changes: Record<string, [unknown, unknown]> | null;
  outcome: string;
  reason: string | null;
}

export interface NotificationAction {
  id: string;
  label: string;
  method: string;
  url: string;
  body?: unknown;
}

export interface AppNotification {
  id: string;
  title: string;
  message: string;
  category: string;
  priority: number;
  link: string | null;
  actions: NotificationAction[];
  read: boolean;
  createdAt: string;
}
