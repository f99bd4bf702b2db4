import { MESSAGES, type MessageKey } from '../i18n/messages.js';

/**
 * An audit entry's action in words ("user.create" → "Utilisateur créé"): each action the server records has a
 * message `admin.audit.act.<action>` (checked against the server's sources by `audit-actions.test.ts`); an action
 * with no words (a route without an audit name) reads "Other operation".
 */
export function auditActionKey(action: string): MessageKey {
  const key = `admin.audit.act.${action}`;
  return Object.hasOwn(MESSAGES.en, key) ? (key as MessageKey) : 'admin.audit.act.other';
}

/**
 * The role of an audit entry's actor in words: people's roles, a system calling with an API token; anything else
 * reads "Other", never its code (and never a missing message, which would stop the audit view from drawing).
 */
export function auditRoleKey(role: string): MessageKey {
  const key = `role.${role}`;
  return Object.hasOwn(MESSAGES.en, key) ? (key as MessageKey) : 'role.other';
}

const PREFIX = 'admin.audit.act.';

/** The actions that have words, for the audit view's filter. */
export const AUDIT_ACTIONS: readonly string[] = Object.keys(MESSAGES.en)
  .filter((k) => k.startsWith(PREFIX) && k !== 'admin.audit.act.other')
  .map((k) => k.slice(PREFIX.length));
