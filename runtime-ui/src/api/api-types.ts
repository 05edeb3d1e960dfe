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
  color?: string | null;
  category?: string;
  initial?: boolean;
  final?: boolean;
}

export interface ViewColumnMeta {
  field: string;
  label?: Text;
  width?: number | null;
}

export interface ViewMeta {
  /** `bundle.view` */
  key?: string;
  name: string;
  /** The bundle defining it, when the engine says. */
  bundle?: string;
  /** `<entity>` or `<bundle>.<entity>`. */
  entity: string;
  label: Text;
  type: 'list' | 'kanban';
  columns: ViewColumnMeta[];
  sort?: { field: string; direction: 'asc' | 'desc' }[];
  filter?: Record<string, unknown> | null;
  pageSize?: number;
  kanban?: {
    groupBy: string;
    cardFields: string[];
    lanes?: { value: string; label: string; color: string | null }[];
  } | null;
}

/** A form as `/meta/ui` lists it; its layout comes with the entity's metadata. */
export interface FormMeta {
  key?: string;
  name: string;
  bundle?: string;
  entity: string;
  label?: Text;
  wizard?: boolean;
  create?: boolean;
  update?: boolean;
}

/** A field as the engine describes it for the apps, labels in the reader's language. */
export interface FieldMeta {
  name: string;
  type: string;
  label: string;
  description?: string | null;
  required?: boolean;
  readOnly?: boolean;
  sortable?: boolean;
  sensitive?: boolean;
  values?: { value: string; label: string; color?: string | null }[];
  /** `bundle.entity` a reference points at. */
  target?: string;
}

export interface TransitionMeta {
  name: string;
  label: string;
  from: string[];
  to: string;
  commentRequired?: boolean;
  requiredFields?: string[];
}

export interface ResolvedFormMeta {
  key: string;
  bundle: string;
  name: string;
  entity: string;
  label: string;
  default?: boolean;
  wizard?: boolean;
  uischema: Record<string, unknown> & { type: string };
  variants?: Record<string, Record<string, unknown> & { type: string }>;
}

/**
 * `GET /api/v1/meta/entities/:bundle/:entity`. The definition and schemas are always there; the
 * rest (field labels, workflow, views, forms) comes from engines that serve UI metadata, and the
 * app derives it from the definition otherwise (see model/entity-model.ts).
 */
export interface EntityMeta {
  bundle: string;
  name: string;
  title?: string;
  pluralTitle?: string;
  displayField?: string | null;
  definition: EntityDefinition;
  schema: { properties?: Record<string, Record<string, unknown>> } & Record<string, unknown>;
  inputSchema: Record<string, unknown>;
  fields?: FieldMeta[];
  systemFields?: { name: string; label: string; type: string }[];
  workflow?: { name?: string; initial?: string; states: WorkflowStateMeta[]; transitions?: TransitionMeta[] } | null;
  views?: ViewMeta[];
  forms?: ResolvedFormMeta[];
}

export interface MenuItemMeta {
  key?: string;
  name: string;
  label: Text;
  icon?: string | null;
  view?: string;
  form?: string;
  url?: string;
  children?: MenuItemMeta[];
}

export interface MenuMeta {
  key?: string;
  name: string;
  bundle?: string;
  label: Text;
  icon?: string | null;
  order?: number | null;
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

/** Why a transition is refused: `message` is the engine's English, `params` what to word it with. */
export interface Obstacle {
  code: string;
  message: string;
  /** Absent from engines before it was added. */
  params?: Record<string, unknown>;
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
