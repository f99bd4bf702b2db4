import type { FieldError } from '@kusanya/schemas';
import { inputProblem } from '@kusanya/shared/api/input-problems';
/**
 * Password rules for accounts created or reset by an administrator (NIST SP 800-63B style: length over
 * composition rules): at least 10 characters, not the username, not a well-known password, not one
 * character repeated. Passphrases of any characters are welcome (up to 256, the login limit).
 */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * Passwords attackers try first (international lists, plus local words and this software's name).
 * Compared case-insensitively, ignoring spaces, "-", "_" and "." (so "Bujumbura-2025" matches "bujumbura2025").
 * The demo password `kusanya-demo` stays valid on purpose: it exists only in demo data.
 */
const COMMON = [
  '1234567890',
  '12345678910',
  '0123456789',
  '1111111111',
  '0000000000',
  '1234512345',
  '9876543210',
  'qwertyuiop',
  'azertyuiop',
  'qwertzuiop',
  '1q2w3e4r5t',
  'q1w2e3r4t5',
  'a1b2c3d4e5',
  '1qaz2wsx3edc',
  'password',
  'password1',
  'password12',
  'password123',
  'password1234',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword123',
  'motdepasse',
  'motdepasse1',
  'motdepasse123',
  'iloveyou',
  'iloveyou123',
  'letmein123',
  'welcome123',
  'bienvenue',
  'bienvenue1',
  'bienvenue123',
  'administrator',
  'administrateur',
  'admin12345',
  'admin123456',
  'changeme',
  'changeme123',
  'football',
  'football123',
  'baseball123',
  'sunshine123',
  'princess123',
  'superman123',
  'trustno1',
  'dragon1234',
  'monkey1234',
  'master1234',
  'starwars',
  'computer',
  'burundi',
  'burundi123',
  'burundi2024',
  'burundi2025',
  'burundi2026',
  'bujumbura',
  'bujumbura123',
  'bujumbura2025',
  'gitega',
  'gitega123',
  'gitega2025',
  'kusanya',
  'kusanya123',
  'kusanya2025',
  'kusanya2026',
  'amahoro',
  'amahoro123',
  'imana',
  'imana123',
  'ndagukunda',
  'merci123',
  'jetaime',
  'jetaime123',
  'enumerator',
  'enumerateur',
  'supervisor',
  'superviseur',
  'enqueteur',
  'enqueteur123',
].map((p) => normalize(p));

function normalize(password: string): string {
  return password
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s._-]/g, '');
}

const COMMON_SET = new Set(COMMON);

/** Problems with a new password, catalogued (words on the device) at `path` (empty when it is acceptable). */
export function passwordProblems(password: string, username: string, path = 'password'): FieldError[] {
  const problems: FieldError[] = [];
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH)
    problems.push(inputProblem('password-too-short', path, { min: MIN_PASSWORD_LENGTH }));
  if (length > MAX_PASSWORD_LENGTH)
    problems.push(inputProblem('password-too-long', path, { max: MAX_PASSWORD_LENGTH }));
  const normalized = normalize(password);
  if (username && normalized === normalize(username)) problems.push(inputProblem('password-is-username', path, {}));
  else if (COMMON_SET.has(normalized)) problems.push(inputProblem('password-common', path, {}));
  else if (length > 0 && new Set(password).size === 1) problems.push(inputProblem('password-repeated', path, {}));
  return problems;
}
