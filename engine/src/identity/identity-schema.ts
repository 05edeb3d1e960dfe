import type { Knex } from 'knex';

/**
 * Organizations, users and everything authentication keeps: created idempotently at start
 * with the other system tables. Secrets are never stored as given: passwords as argon2id
 * hashes, tokens and codes as SHA-256 of high-entropy values, TOTP secrets encrypted when a
 * SECRET_KEY is configured.
 */
const DDL = `
create table if not exists sys_state (
  id int primary key check (id = 1),
  -- Bumped by every change to users, memberships, roles, departments or groups: cached
  -- abilities carry it, so a change anywhere (any engine process) is seen by the next request.
  org_version bigint not null default 0
);
insert into sys_state (id) values (1) on conflict do nothing;

create table if not exists sys_companies (
  id uuid primary key default gen_random_uuid(),
  code varchar(32) not null unique,
  legal_name varchar(200) not null,
  country char(2),
  currency char(3),
  status varchar(16) not null default 'active',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1
);

create table if not exists sys_departments (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references sys_companies(id),
  parent_id uuid references sys_departments(id),
  code varchar(32) not null,
  name varchar(200) not null,
  cost_centre varchar(64),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  unique (company_id, code)
);

create table if not exists sys_groups (
  id uuid primary key default gen_random_uuid(),
  company_id uuid references sys_companies(id),
  parent_id uuid references sys_groups(id),
  code varchar(64) not null unique,
  name varchar(200) not null,
  kind varchar(16) not null default 'functional',
  description text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1
);

create table if not exists sys_users (
  id uuid primary key default gen_random_uuid(),
  email varchar(254) not null,
  first_name varchar(100) not null,
  last_name varchar(100) not null,
  phone varchar(40),
  job_title varchar(120),
  photo_url varchar(1024),
  locale varchar(8) not null default 'en',
  time_zone varchar(64) not null default 'UTC',
  status varchar(16) not null default 'active',
  -- Platform roles, beside the bundle roles held per company: admin, auditor.
  system_roles text[] not null default '{}',
  department_id uuid references sys_departments(id),
  manager_id uuid references sys_users(id),
  default_company_id uuid references sys_companies(id),
  password_hash text,
  password_changed_at timestamptz,
  totp_secret text,
  totp_pending_secret text,
  totp_enabled_at timestamptz,
  totp_last_step bigint,
  failed_logins int not null default 0,
  failed_window_start timestamptz,
  locked_until timestamptz,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by varchar(128),
  version int not null default 1
);
create unique index if not exists sys_users_email on sys_users (lower(email));

create table if not exists sys_memberships (
  user_id uuid not null references sys_users(id),
  company_id uuid not null references sys_companies(id),
  roles text[] not null default '{}',
  created_at timestamptz not null default now(),
  primary key (user_id, company_id)
);
create index if not exists sys_memberships_company on sys_memberships (company_id);

create table if not exists sys_group_members (
  group_id uuid not null references sys_groups(id),
  user_id uuid not null references sys_users(id),
  primary key (group_id, user_id)
);
create index if not exists sys_group_members_user on sys_group_members (user_id);

create table if not exists sys_password_history (
  id bigserial primary key,
  user_id uuid not null references sys_users(id),
  hash text not null,
  created_at timestamptz not null default now()
);
create index if not exists sys_password_history_user on sys_password_history (user_id, id);

create table if not exists sys_sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references sys_users(id),
  company_id uuid references sys_companies(id),
  access_hash char(64) not null unique,
  access_expires_at timestamptz not null,
  csrf_hash char(64) not null,
  -- Whether a second factor was checked at sign-in.
  mfa boolean not null default false,
  -- Set while the session may only do one thing: enrol a second factor, change an expired password.
  pending varchar(32),
  method varchar(16) not null default 'password',
  ip varchar(64),
  user_agent varchar(512),
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  revoked_reason varchar(64)
);
create index if not exists sys_sessions_user on sys_sessions (user_id) where revoked_at is null;

-- Every refresh token a session was given: the live one has no used_at; showing a used one
-- again means it was stolen, and the whole session (the token family) is revoked.
create table if not exists sys_refresh_tokens (
  hash char(64) primary key,
  session_id uuid not null references sys_sessions(id),
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  used_at timestamptz
);
create index if not exists sys_refresh_tokens_session on sys_refresh_tokens (session_id);

-- The second step of a sign-in: proof that the password was right, waiting for the code.
create table if not exists sys_auth_challenges (
  hash char(64) primary key,
  user_id uuid not null references sys_users(id),
  expires_at timestamptz not null,
  attempts int not null default 0,
  used_at timestamptz,
  created_at timestamptz not null default now()
);

create table if not exists sys_trusted_devices (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references sys_users(id),
  hash char(64) not null unique,
  user_agent varchar(512),
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);

create table if not exists sys_backup_codes (
  id bigserial primary key,
  user_id uuid not null references sys_users(id),
  hash char(64) not null,
  used_at timestamptz
);
create index if not exists sys_backup_codes_user on sys_backup_codes (user_id);

-- Single-use links sent by e-mail (password reset).
create table if not exists sys_user_tokens (
  hash char(64) primary key,
  user_id uuid not null references sys_users(id),
  kind varchar(32) not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);

create table if not exists sys_invitations (
  id uuid primary key default gen_random_uuid(),
  email varchar(254),
  company_id uuid references sys_companies(id),
  roles text[] not null default '{}',
  system_roles text[] not null default '{}',
  group_ids uuid[] not null default '{}',
  hash char(64) not null unique,
  max_uses int,
  uses int not null default 0,
  expires_at timestamptz not null,
  invited_by uuid references sys_users(id),
  created_at timestamptz not null default now(),
  last_sent_at timestamptz,
  accepted_at timestamptz,
  revoked_at timestamptz
);

create table if not exists sys_api_keys (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references sys_users(id),
  name varchar(100) not null,
  prefix varchar(16) not null unique,
  hash char(64) not null,
  scope varchar(16) not null,
  -- When set, the key acts with these roles only (a subset of its owner's).
  roles text[],
  hourly_limit int not null,
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  last_used_ip varchar(64),
  revoked_at timestamptz
);
create index if not exists sys_api_keys_user on sys_api_keys (user_id);
`;

export async function ensureIdentitySchema(db: Knex): Promise<void> {
  await db.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(4242004)');
    for (const statement of DDL.split(/;\s*\n/)) {
      if (statement.replace(/--.*$/gm, '').trim()) await trx.raw(statement);
    }
  });
}

/** Makes every cached ability stale, in this process and the others. */
export async function bumpOrgVersion(db: Knex | Knex.Transaction): Promise<void> {
  await db.raw('update sys_state set org_version = org_version + 1 where id = 1');
}
