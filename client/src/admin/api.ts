import type {
  ApiTokenCreateRequest,
  AreaImportReport,
  AuditQuery,
  CreateUserRequest,
  FormDefinition,
  UpdateUserRequest,
} from '@kusanya/schemas';
import { useMemo } from 'react';
import { useApiCall } from '../api/client.js';
import { ApiError, failure, NetworkError } from '../api/http.js';
import { query } from '../api/routes.js';
import { useSession } from '../auth/session.js';
import { saveBlob } from '../ui/save-file.js';

/** What the audit screen filters on: the audit query without its paging and file format. */
export type AuditFilters = Omit<AuditQuery, 'before' | 'limit' | 'format'>;

/** A request whose body is not JSON (a CSV or XLSX file) or whose answer is a file. */
async function rawRequest(
  path: string,
  token: string,
  init: { method?: string; body?: BodyInit; contentType?: string } = {},
): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, ...(init.contentType ? { 'content-type': init.contentType } : {}) },
      ...(init.body === undefined ? {} : { body: init.body }),
      cache: 'no-store',
    });
  } catch (error) {
    throw new NetworkError((error as Error).message || 'Network request failed');
  }
  if (!response.ok) throw failure(response.status, await response.json().catch(() => null));
  return response;
}

/** Saves a server answer as a file on this computer. */
async function download(response: Response, fallbackName: string): Promise<void> {
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  saveBlob(await response.blob(), name);
}

/**
 * The administration API's changes and files, with the logged-in admin's token (lists load through
 * `useResource`). A refused token sends them back to login.
 */
export function useAdminApi() {
  const { session, tokenRejected } = useSession();
  const call = useApiCall();
  const token = session?.token ?? '';
  return useMemo(() => {
    const raw = async (path: string, init: Parameters<typeof rawRequest>[2] = {}) => {
      try {
        return await rawRequest(path, token, init);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) tokenRejected();
        throw error;
      }
    };
    return {
      hasToken: token !== '',
      createUser: (body: CreateUserRequest) => call('POST /api/admin/users', { body }),
      updateUser: (id: string, body: UpdateUserRequest) => call('PATCH /api/admin/users/:id', { params: { id }, body }),
      resetPassword: (id: string, password: string) =>
        call('POST /api/admin/users/:id/password', { params: { id }, body: { password } }),
      unlockUser: (id: string) => call('POST /api/admin/users/:id/unlock', { params: { id } }),
      revokeUserSessions: (id: string) => call('POST /api/admin/users/:id/revoke-sessions', { params: { id } }),
      previewAreas: async (csv: Blob) =>
        (
          await raw('/api/admin/areas/import/preview', { method: 'POST', body: csv, contentType: 'text/csv' })
        ).json() as Promise<AreaImportReport>,
      importAreas: async (csv: Blob) =>
        (
          await raw('/api/admin/areas/import', { method: 'POST', body: csv, contentType: 'text/csv' })
        ).json() as Promise<AreaImportReport>,
      createApiToken: (body: ApiTokenCreateRequest) => call('POST /api/admin/api-tokens', { body }),
      revokeApiToken: (name: string) => call('POST /api/admin/api-tokens/:name/revoke', { params: { name } }),
      revokeDevice: (id: string) => call('POST /api/admin/devices/:id/revoke', { params: { id } }),
      // A file's content as it is: the server checks it against the form definition schema and says what is wrong.
      publishForm: (definition: unknown) => call('POST /api/admin/forms', { body: definition as FormDefinition }),
      retireForm: (formId: string, version: string) =>
        call('POST /api/admin/forms/:formId/:version/retire', { params: { formId, version } }),
      exportAudit: async (filters: AuditFilters) =>
        download(await raw(`/api/admin/audit/export${query({ ...filters, format: 'csv' })}`), 'kusanya-audit.csv'),
      backupNow: () => call('POST /api/admin/backups'),
      verifyBackup: (name: string) => call('POST /api/admin/backups/:name/verify', { params: { name } }),
      downloadBackup: async (name: string) =>
        download(await raw(`/api/admin/backups/${encodeURIComponent(name)}/file`), `${name}.sqlite`),
      copyBackup: (name: string) => call('POST /api/admin/backups/:name/copy', { params: { name } }),
    };
  }, [token, tokenRejected, call]);
}

export type AdminApi = ReturnType<typeof useAdminApi>;
