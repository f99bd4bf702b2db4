import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { syntheticHousehold, type Place } from '@kusanya/tools/synthetic/household';
import { Random } from '@kusanya/tools/synthetic/random';
import type { KoboMapping } from '../../server/src/usecases/kobo/mapping.js';

/** The sample collines (tools/src/seed/sample-locations.csv) the shipped forms list. */
const PLACES: Place[] = ['01', '02'].flatMap((z) =>
  ['01', '02'].flatMap((l) => [
    { province: 'P03', commune: 'C0301', zone: `Z0301${z}`, colline: `CL0301${z}${l}` },
    { province: 'P05', commune: 'C0501', zone: `Z0501${z}`, colline: `CL0501${z}${l}` },
  ]),
);

/**
 * Writes a Kobo API v2 data export of `count` household surveys, as the programme's Kobo form would
 * produce it under the default mapping (group paths, text values, the roster as a repeat).
 */
export async function writeKoboHouseholdExport(
  file: string,
  count: number,
  mapping: KoboMapping,
  at = new Date('2025-06-15T09:00:00Z'),
): Promise<void> {
  const rng = new Random(4242);
  const pathOf = new Map(Object.entries(mapping.fields ?? {}).map(([path, field]) => [field as string, path]));
  const [repeatPath, repeat] = Object.entries(mapping.repeats ?? {})[0]!;
  if (!repeat) throw new Error('The household mapping has no repeat for the roster.');
  const childPath = new Map(Object.entries(repeat.fields ?? {}).map(([path, field]) => [field, path]));
  const text = (v: unknown) =>
    Array.isArray(v)
      ? v.join(' ')
      : typeof v === 'object' && v !== null
        ? `${(v as Record<string, number>)['lat']} ${(v as Record<string, number>)['lon']} 1650 ${(v as Record<string, number>)['accuracy']}`
        : String(v);
  let nationalIds = 9_000_000;
  const out = createWriteStream(file);
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  await write(`{"count":${count},"next":null,"previous":null,"results":[`);
  for (let i = 0; i < count; i += 1) {
    // Ages as on the day of the visit (the form computes them from the record's own date).
    const end = new Date(at.getTime() + i * 30_000 - 60_000);
    const h = syntheticHousehold(rng, end, PLACES[i % PLACES.length]!, { nextNationalId: () => nationalIds++ });
    const record: Record<string, unknown> = {
      _id: i + 1,
      _uuid: randomUUID(),
      _submission_time: new Date(at.getTime() + i * 30_000).toISOString().slice(0, 19),
      _submitted_by: `kobo_enum_${(i % 40) + 1}`,
      'formhub/uuid': 'b2f5c6d0e1',
      __version__: 'vR4aBz',
      start: new Date(at.getTime() + i * 30_000 - 1_800_000).toISOString(),
      end: end.toISOString(),
      _attachments: [],
      _status: 'submitted_via_web',
      _geolocation: [-3.4, 29.9],
    };
    for (const [field, value] of Object.entries(h.values)) record[pathOf.get(field) ?? field] = text(value);
    record[repeatPath] = h.members.map((m) =>
      Object.fromEntries(Object.entries(m.values).map(([k, v]) => [childPath.get(k) ?? `${repeatPath}/${k}`, text(v)])),
    );
    await write(`${i > 0 ? ',' : ''}\n${JSON.stringify(record)}`);
  }
  await write('\n]}\n');
  out.end();
  await once(out, 'finish');
}
