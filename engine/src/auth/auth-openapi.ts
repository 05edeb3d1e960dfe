/**
 * The sign-in, account and administration routes in the OpenAPI document: what they do and
 * whether they need a caller. Their bodies are described in docs/security.md and checked by the
 * routes themselves.
 */
const ROUTES: [method: string, path: string, summary: string, isPublic?: boolean][] = [
  ['post', '/api/v1/auth/login', 'Sign in with e-mail and password (202 when a second factor is needed)', true],
  ['post', '/api/v1/auth/login/second-factor', 'Second step of a sign-in: TOTP or backup code', true],
  ['post', '/api/v1/auth/refresh', 'Trade a refresh token for new tokens (each works once)', true],
  ['post', '/api/v1/auth/logout', 'End the current session'],
  ['get', '/api/v1/auth/me', 'The signed-in user, their companies and roles'],
  ['patch', '/api/v1/auth/me', 'Change one’s own profile'],
  ['post', '/api/v1/auth/me/company', 'Work in another of one’s companies'],
  ['get', '/api/v1/auth/me/abilities', 'What the user may do, per entity and field, and the CASL rules'],
  ['get', '/api/v1/auth/sessions', 'One’s open sessions'],
  ['delete', '/api/v1/auth/sessions/{id}', 'End one of one’s sessions'],
  ['post', '/api/v1/auth/sessions/revoke-all', 'End all one’s sessions'],
  ['post', '/api/v1/auth/password/change', 'Change one’s password (current password required)'],
  ['post', '/api/v1/auth/password/forgot', 'Ask for a reset link by e-mail', true],
  ['post', '/api/v1/auth/password/reset', 'Choose a new password with a reset link', true],
  ['post', '/api/v1/auth/email/change', 'Change one’s e-mail address (current password required)'],
  ['post', '/api/v1/auth/2fa/enrol', 'Start two-factor enrolment: secret, otpauth URI, QR code'],
  ['post', '/api/v1/auth/2fa/confirm', 'Confirm enrolment with a first code; answers 10 backup codes'],
  ['post', '/api/v1/auth/2fa/disable', 'Turn two-factor authentication off'],
  ['post', '/api/v1/auth/2fa/backup-codes', 'Replace the backup codes'],
  ['get', '/api/v1/auth/invitations/{token}', 'What an invitation offers', true],
  ['post', '/api/v1/auth/invitations/accept', 'Accept an invitation: creates the account', true],
  ['get', '/api/v1/auth/api-keys', 'One’s API keys'],
  ['post', '/api/v1/auth/api-keys', 'Create an API key (shown once)'],
  ['post', '/api/v1/auth/api-keys/{id}/rotate', 'Replace an API key with a new secret'],
  ['delete', '/api/v1/auth/api-keys/{id}', 'Revoke an API key'],
  ['get', '/api/v1/admin/users', 'Users (administrators)'],
  ['post', '/api/v1/admin/users', 'Create a user'],
  ['get', '/api/v1/admin/users/{id}', 'One user, with memberships and groups'],
  ['patch', '/api/v1/admin/users/{id}', 'Change a user (a non-active status ends their sessions)'],
  ['put', '/api/v1/admin/users/{id}/memberships', 'Companies and roles of a user'],
  ['put', '/api/v1/admin/users/{id}/groups', 'Groups of a user'],
  ['post', '/api/v1/admin/users/{id}/logout', 'End all sessions of a user'],
  ['post', '/api/v1/admin/users/{id}/unlock', 'Unlock an account locked after failed sign-ins'],
  ['get', '/api/v1/admin/invitations', 'Invitations and their status'],
  ['post', '/api/v1/admin/invitations', 'Invite someone'],
  ['post', '/api/v1/admin/invitations/{id}/resend', 'Send an invitation again with a new link'],
  ['delete', '/api/v1/admin/invitations/{id}', 'Revoke an invitation'],
  ['get', '/api/v1/admin/roles', 'Roles of every bundle, their grants and permission codes'],
  ['get', '/api/v1/admin/explain', 'Whether a user may perform an action, and which grant decided'],
  ['get', '/api/v1/audit', 'Search the audit trail (auditors)'],
  ['get', '/api/v1/audit/export', 'Export the audit trail as CSV or JSON (auditors)'],
  ...(['companies', 'departments', 'groups'] as const).flatMap((r): [string, string, string][] => [
    ['get', `/api/v1/admin/${r}`, `List ${r}`],
    ['post', `/api/v1/admin/${r}`, `Create one of the ${r}`],
    ['get', `/api/v1/admin/${r}/{id}`, `One of the ${r}`],
    ['patch', `/api/v1/admin/${r}/{id}`, `Change one of the ${r} (with its version)`],
  ]),
];

export const SECURITY_SCHEMES = {
  bearer: { type: 'http', scheme: 'bearer', description: 'An access token (ofa_…) or an API key (ofk_…)' },
  apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
  cookie: {
    type: 'apiKey',
    in: 'cookie',
    name: 'opsflux_access',
    description: 'Browsers; changes also need the x-csrf-token header',
  },
};

export function authPaths(errorResponse: (status: number) => object): Record<string, Record<string, object>> {
  const paths: Record<string, Record<string, object>> = {};
  for (const [method, path, summary, isPublic] of ROUTES) {
    paths[path] ??= {};
    paths[path][method] = {
      tags: [
        path.startsWith('/api/v1/admin')
          ? 'administration'
          : path.startsWith('/api/v1/audit')
            ? 'audit'
            : 'authentication',
      ],
      summary,
      ...(isPublic && { security: [] }),
      ...(path.includes('{') && {
        parameters: [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
          name: m[1],
          in: 'path',
          required: true,
          schema: { type: 'string' },
        })),
      }),
      responses: {
        '200': { description: 'Done' },
        ...Object.fromEntries([400, 401, 403, 404, 422, 429].map((s) => [String(s), errorResponse(s)])),
      },
    };
  }
  return paths;
}
