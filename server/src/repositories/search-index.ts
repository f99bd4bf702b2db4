import type { Db } from '../db/database.js';
import { normalizeName } from '../domain/registry/normalize.js';

/** What the search index holds of a person. */
export interface IndexedPerson {
  firstName: string | null;
  lastName: string | null;
  nameNorm: string;
  nationalIdNorm: string | null;
  phone: string | null;
}

/** A phone number as its 8 national digits: separators and the 257 country code removed. */
export function phoneDigits(phone: string | null): string {
  const digits = (phone ?? '').replace(/[^0-9]/g, '');
  return digits.length === 11 && digits.startsWith('257') ? digits.slice(3) : digits;
}

/**
 * The text of a person's search document: the name as written and normalised; national ID, phone, and the
 * full-name key (the exact-name tier of the search).
 */
export function personText(p: IndexedPerson): { name: string; ids: string } {
  return {
    name: [p.firstName, p.lastName, p.nameNorm].filter(Boolean).join(' '),
    ids: [p.nationalIdNorm, phoneDigits(p.phone), p.nameNorm.replace(/ /g, '')].filter(Boolean).join(' '),
  };
}

export const householdIds = (code: string) => `${code} ${code.replace(/-/g, '')}`;
/** Where a document is: its commune and colline codes (provinces and zones are matched through them). */
export const placeText = (h: { commune: string; area: string }) => `${h.commune} ${h.area}`;

/**
 * The text of a household's search document: its code, and the respondent's name when the respondent is not a
 * member (members have their own documents): the name that titles the household's record finds it.
 */
export function householdText(h: { code: string; respondent: string | null }): { name: string; ids: string } {
  const respondentNorm = h.respondent ? normalizeName(h.respondent) : '';
  return {
    name: [h.respondent, respondentNorm].filter(Boolean).join(' '),
    ids: [householdIds(h.code), respondentNorm.replace(/ /g, '')].filter(Boolean).join(' '),
  };
}

export type SearchIndexWriter = ReturnType<typeof searchIndexWriter>;

type HouseholdIndexed = Parameters<typeof householdText>[0] & { id: string; area: string; commune: string };

/**
 * Keeps the registry search index (migration 050) current. Called by the registry repository in the same
 * transaction as the registry write it reflects, so the index is never behind the registry.
 */
export function searchIndexWriter(db: Db) {
  const s = {
    place: db.prepare<[string], { commune: string; area: string }>('SELECT commune, area FROM households WHERE id = ?'),
    doc: db.prepare<[string], { id: number; household_id: string | null }>(
      'SELECT id, household_id FROM search_docs WHERE entity_id = ?',
    ),
    insertDoc: db.prepare<[string, string, string | null]>(
      'INSERT INTO search_docs (kind, entity_id, household_id) VALUES (?, ?, ?)',
    ),
    moveDoc: db.prepare('UPDATE search_docs SET household_id = ? WHERE id = ?'),
    insertText: db.prepare('INSERT INTO search_fts (rowid, name, ids, place, kind) VALUES (?, ?, ?, ?, ?)'),
    updateText: db.prepare('UPDATE search_fts SET name = ?, ids = ?, place = ?, kind = ? WHERE rowid = ?'),
    person: db.prepare<
      [string],
      {
        first_name: string | null;
        last_name: string | null;
        name_norm: string;
        national_id_norm: string | null;
        phone: string | null;
      }
    >('SELECT first_name, last_name, name_norm, national_id_norm, phone FROM individuals WHERE id = ?'),
  };
  const placeOf = (householdId: string | null) => {
    const row = householdId ? s.place.get(householdId) : undefined;
    return row ? placeText(row) : '';
  };
  const readPerson = (id: string): IndexedPerson | null => {
    const r = s.person.get(id);
    return r
      ? {
          firstName: r.first_name,
          lastName: r.last_name,
          nameNorm: r.name_norm,
          nationalIdNorm: r.national_id_norm,
          phone: r.phone,
        }
      : null;
  };

  return {
    /** A new household: its code and names, searchable within its place. */
    household(h: HouseholdIndexed): void {
      const id = s.insertDoc.run('household', h.id, h.id).lastInsertRowid;
      const text = householdText(h);
      s.insertText.run(id, text.name, text.ids, placeText(h), 'household');
    },
    /** A household's answers changed: its respondent's name follows. */
    householdChanged(h: Omit<HouseholdIndexed, 'area' | 'commune'>): void {
      const doc = s.doc.get(h.id);
      if (!doc) return;
      const text = householdText(h);
      s.updateText.run(text.name, text.ids, placeOf(h.id), 'household', doc.id);
    },
    /** A person joined a household: indexed there (moved there, when they were in another one). */
    member(
      individualId: string,
      householdId: string,
      known?: { person: IndexedPerson; place: string; isNew?: boolean },
    ): void {
      const person = known?.person ?? readPerson(individualId);
      if (!person) return;
      const text = personText(person);
      const place = known?.place ?? placeOf(householdId);
      const doc = known?.isNew ? undefined : s.doc.get(individualId);
      if (!doc) {
        const id = s.insertDoc.run('individual', individualId, householdId).lastInsertRowid;
        s.insertText.run(id, text.name, text.ids, place, 'individual');
        return;
      }
      if (doc.household_id !== householdId) s.moveDoc.run(householdId, doc.id);
      s.updateText.run(text.name, text.ids, place, 'individual', doc.id);
    },
    /** A person's name, national ID or phone changed. */
    person(individualId: string): void {
      const doc = s.doc.get(individualId);
      const person = doc ? readPerson(individualId) : null;
      if (!doc || !person) return;
      const text = personText(person);
      s.updateText.run(text.name, text.ids, placeOf(doc.household_id), 'individual', doc.id);
    },
  };
}
