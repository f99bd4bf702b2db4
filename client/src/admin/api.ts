import type {
  AdminDeviceList,
  ApiToken,
  ApiTokenCreateRequest,
  ApiTokenCreateResponse,
  ApiTokenList,
  AdminFormList,
  AdminUser,
  AdminUserList,
  AreaImportReport,
  AreaList,
  AuditPage,
  BackupInfo,
  BackupList,
  BackupCopyResult,
  BackupVerify,
  PairingInfo,
  CreateUserRequest,
  FormChangeResult,
  SessionsEnded,
  UpdateUserRequest,
  UserChangeResult,
} from '@kusanya/schemas';
import { useMemo } from 'react';
import { ApiError, apiRequest, NetworkError } from '../api/http.js';
import { useSession } from '../auth/session.js';
import { saveBlob } from '../ui/save-file.js';

export type AuditFilters = Partial<Record<'from' | 'to' | 'actor' | 'action' | 'outcome' | 'deviceId', string>>;

const query = (params: Record<string, string | number | undefined>) => {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== '') as [string, string][];
  return entries.length > 0 ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : '';
};

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
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { code?: string; message?: string; details?: unknown[] };
    } | null;
    if (body?.error?.code)
      throw new ApiError(response.status, body.error.code, body.error.message ?? '', body.error.details ?? []);
    throw new ApiError(response.status, 'http-error', `Server answered ${response.status}`);
  }
  return response;
}

/** Saves a server answer as a file on this computer. */
async function download(response: Response, fallbackName: string): Promise<void> {
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  saveBlob(await response.blob(), name);
}

/** The administration API, with the logged-in admin's token. A refused token sends them back to login. */
export function useAdminApi() {
  const { session, tokenRejected } = useSession();
  const token = session?.token ?? '';
  return useMemo(() => {
    const call = async <T>(path: string, options: Parameters<typeof apiRequest>[1] = {}): Promise<T> => {
      try {
        return await apiRequest<T>(path, { ...options, token });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) tokenRejected();
        throw error;
      }
    };
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
      users: () => call<AdminUserList>('/api/admin/users'),
      createUser: (body: CreateUserRequest) => call<AdminUser>('/api/admin/users', { method: 'POST', body }),
      updateUser: (id: string, body: UpdateUserRequest) =>
        call<UserChangeResult>(`/api/admin/users/${id}`, { method: 'PATCH', body }),
      resetPassword: (id: string, password: string) =>
        call<SessionsEnded>(`/api/admin/users/${id}/password`, { method: 'POST', body: { password } }),
      unlockUser: (id: string) => call<void>(`/api/admin/users/${id}/unlock`, { method: 'POST' }),
      revokeUserSessions: (id: string) =>
        call<SessionsEnded>(`/api/admin/users/${id}/revoke-sessions`, { method: 'POST' }),
      areas: (level?: string) => call<AreaList>(`/api/admin/areas${query({ level })}`),
      previewAreas: async (csv: Blob) =>
        (
          await raw('/api/admin/areas/import/preview', { method: 'POST', body: csv, contentType: 'text/csv' })
        ).json() as Promise<AreaImportReport>,
      importAreas: async (csv: Blob) =>
        (
          await raw('/api/admin/areas/import', { method: 'POST', body: csv, contentType: 'text/csv' })
        ).json() as Promise<AreaImportReport>,
      devices: () => call<AdminDeviceList>('/api/admin/devices'),
      apiTokens: () => call<ApiTokenList>('/api/admin/api-tokens'),
      createApiToken: (body: ApiTokenCreateRequest) =>
        call<ApiTokenCreateResponse>('/api/admin/api-tokens', { method: 'POST', body }),
      revokeApiToken: (name: string) =>
        call<ApiToken>(`/api/admin/api-tokens/${encodeURIComponent(name)}/revoke`, { method: 'POST' }),
      revokeDevice: (deviceId: string) =>
        call<SessionsEnded>(`/api/admin/devices/${encodeURIComponent(deviceId)}/revoke`, { method: 'POST' }),
      forms: () => call<AdminFormList>('/api/admin/forms'),
      publishForm: (definition: unknown) =>
        call<FormChangeResult>('/api/admin/forms', { method: 'POST', body: definition }),
      retireForm: (formId: string, version: string) =>
        call<FormChangeResult>(`/api/admin/forms/${encodeURIComponent(formId)}/${encodeURIComponent(version)}/retire`, {
          method: 'POST',
        }),
      /** The XLSForm upload (route added by the forms work; a 404 means this server does not offer it yet). */
      audit: (filters: AuditFilters, before?: number) =>
        call<AuditPage>(`/api/admin/audit${query({ ...filters, before, limit: 50 })}`),
      exportAudit: async (filters: AuditFilters) =>
        download(await raw(`/api/admin/audit/export${query({ ...filters, format: 'csv' })}`), 'kusanya-audit.csv'),
      backups: () => call<BackupList>('/api/admin/backups'),
      backupNow: () => call<BackupInfo>('/api/admin/backups', { method: 'POST' }),
      verifyBackup: (name: string) => call<BackupVerify>(`/api/admin/backups/${name}/verify`, { method: 'POST' }),
      downloadBackup: async (name: string) => download(await raw(`/api/admin/backups/${name}/file`), `${name}.sqlite`),
      copyBackup: (name: string) => call<BackupCopyResult>(`/api/admin/backups/${name}/copy`, { method: 'POST' }),
      pairing: () => call<PairingInfo>('/api/admin/pairing'),
    };
  }, [token, tokenRejected]);
}

export type AdminApi = ReturnType<typeof useAdminApi>;
