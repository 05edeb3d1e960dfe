import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.tsx';
import type { DataResponse } from '../api/api-types.ts';
import { useMe } from '../api/queries.ts';

/**
 * A value an administrator may look up by id (a company, a user) when the reader's own profile
 * does not name it: undefined while it is read, null when it cannot be.
 */
function useAdminName(
  path: string,
  id: string | null,
  wanted: boolean,
  name: (body: Record<string, unknown>) => string,
) {
  const api = useApi();
  const me = useMe();
  const admin = !!me.data?.systemRoles.includes('admin');
  const lookup = useQuery({
    queryKey: ['admin', path, id],
    enabled: wanted && admin && !!id,
    queryFn: ({ signal }) =>
      api
        .get<DataResponse<Record<string, unknown>>>(`/api/v1/admin/${path}/${encodeURIComponent(id!)}`, { signal })
        .then((r) => name(r.data)),
    staleTime: 5 * 60_000,
    retry: false,
  });
  if (!wanted) return undefined;
  if (me.isPending || lookup.isLoading) return undefined;
  return lookup.data ?? null;
}

/** A company's name: one of the reader's companies, else looked up (administrators). */
export function useCompanyName(id: string): string | null | undefined {
  const me = useMe();
  const own = me.data?.companies.find((c) => c.id === id)?.name;
  const looked = useAdminName('companies', id, !own && !me.isPending, (c) => String(c.legalName ?? ''));
  return own ?? looked;
}

/**
 * A person's name: from those the page already knows (the record's actors and approvers, with
 * the names the engine gave), the reader themself, else looked up (administrators).
 */
export function usePersonName(id: string | null, people: ReadonlyMap<string, string>): string | null | undefined {
  const me = useMe();
  const known = id
    ? (people.get(id) ?? (me.data?.id === id ? `${me.data.firstName} ${me.data.lastName}` : undefined))
    : undefined;
  const looked = useAdminName(
    'users',
    id,
    !!id && !known && !me.isPending,
    (u) => `${String(u.firstName)} ${String(u.lastName)}`,
  );
  return known ?? looked;
}

export function CompanyLabel({ id }: { id: string }) {
  const { t } = useTranslation();
  const name = useCompanyName(id);
  return <span>{name === null ? t('history.companyUnavailable') : (name ?? '…')}</span>;
}

export function PersonLabel({ id, people }: { id: string; people: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const name = usePersonName(id, people);
  return <span>{name === null ? t('history.personUnavailable') : (name ?? '…')}</span>;
}
