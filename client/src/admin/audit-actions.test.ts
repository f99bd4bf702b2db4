/**
 * Every action the server writes to the audit log has words in the admin's audit view: the action names are read
 * from the server's sources (route `config.audit`, CLI commands' `audit`, `audit(request, '…')` and entries'
 * `action: '…'`), so a new audited action without a message fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPORT_DATASETS } from '@kusanya/schemas/contract/exports';
import { describe, expect, it } from 'vitest';
import { format, MESSAGES } from '../i18n/messages.js';
import { auditActionKey, auditRoleKey } from './audit-actions.js';

const SERVER = join(import.meta.dirname, '../../../server/src');
const NAMED = /(?:audit: |audit\(request, |action: )'([a-z][a-z0-9._-]*)'/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

// Exports are audited per dataset (`export.${dataset}`, routes/exports.ts).
const actions = new Set([
  ...EXPORT_DATASETS.map((d) => `export.${d}`),
  ...sources(SERVER).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(NAMED)].map((m) => m[1]!)),
]);

describe('audit actions in words', () => {
  it('finds the server’s audited actions', () => {
    expect(actions).toContain('user.create');
    expect(actions).toContain('sync.push');
    expect(actions.size).toBeGreaterThan(30);
  });

  it('has words for every action the server records', () => {
    expect([...actions].filter((a) => auditActionKey(a) === 'admin.audit.act.other')).toEqual([]);
  });

  it('reads an action in French, and an unnamed route as another operation', () => {
    expect(format(MESSAGES.fr[auditActionKey('ticket.status')], {}, 'fr')).toBe("Statut d'une plainte changé");
    expect(format(MESSAGES.fr[auditActionKey('POST /api/unknown')], {}, 'fr')).toBe('Autre opération');
  });

  it('has words for every role an entry records, people and systems (an API token), and "Other" for the rest', () => {
    const noted = sources(SERVER).flatMap((file) => [
      ...readFileSync(file, 'utf8').matchAll(/noteAudit\(request, \{.*role: '([a-z-]+)'/g),
    ]);
    expect(noted.map((m) => m[1])).toContain('api-token');
    for (const role of ['admin', 'enumerator', 'supervisor', 'hq', 'grievance_officer', ...noted.map((m) => m[1]!)])
      expect(auditRoleKey(role)).toBe(`role.${role}`);
    expect(MESSAGES.fr[auditRoleKey('api-token')]).toBe("Système connecté (jeton d'API)");
    expect(auditRoleKey('robot')).toBe('role.other');
  });
});
