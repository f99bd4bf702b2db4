/**
 * Numbers are typed as text so that partial input ("12,", "-") is kept as typed. A decimal comma
 * and spaces between thousands are accepted; anything else that is not a number is handed to the
 * engine as text, which says "Enter a number" in the user's language, and nothing typed is lost.
 */
export function parseNumber(text: string): number | string | undefined {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (compact === '') return undefined;
  if (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(compact)) return Number(compact);
  return text;
}
