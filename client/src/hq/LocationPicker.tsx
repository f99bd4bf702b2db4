import { placeName } from './format.js';
import type { LocationList } from '@kusanya/schemas';
import { useEffect, useRef, useState } from 'react';
import { useHqI18n } from './i18n.js';
import { useApiCall } from '../api/client.js';

type Item = LocationList['items'][number];
const LEVELS = ['province', 'commune', 'zone', 'colline'] as const;

/**
 * Choose a place: province, then commune, zone and colline, each optional. `value` is the deepest code
 * chosen (null: everywhere). The server keeps every list within the user's areas anyway.
 */
export function LocationPicker({
  value,
  onChange,
  id,
}: {
  value: string | null;
  onChange(code: string | null): void;
  id?: string;
}) {
  const { t, lang } = useHqI18n();
  const api = useApiCall();
  const cache = useRef(new Map<string, LocationList>());
  const [chain, setChain] = useState<string[]>([]);
  const [options, setOptions] = useState<Item[][]>([]);

  const children = async (parent: string | null): Promise<LocationList> => {
    const key = parent ?? '';
    const cached = cache.current.get(key);
    if (cached) return cached;
    const list = await api('GET /api/locations/children', { query: parent ? { parent } : {} });
    cache.current.set(key, list);
    return list;
  };

  // Rebuild the chain of choices from the value (e.g. after a reload with the value in the address).
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const path: string[] = [];
      for (let code = value; code;) {
        const list = await children(code);
        if (!list.parent || list.parent.level === 'country') break;
        path.unshift(code);
        code = list.parent.parentCode;
      }
      const roots = await children(null);
      const country = roots.items[0]?.code ?? null;
      const lists = [await children(country)];
      for (const code of path.slice(0, LEVELS.length - 1)) lists.push(await children(code));
      if (!cancelled) {
        setChain(path);
        setOptions(lists.map((l) => l.items));
      }
    })().catch(() => undefined);
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);

  const choose = (level: number, code: string) => onChange(code || chain[level - 1] || null);

  return (
    <div className="location-picker" id={id}>
      {LEVELS.map((level, i) => {
        const list = options[i];
        if (!list || (i > 0 && !chain[i - 1])) return null;
        return (
          <label key={level}>
            <span>{t(`hq.level.${level}`)}</span>
            <select value={chain[i] ?? ''} onChange={(e) => choose(i, e.target.value)}>
              <option value="">{t('hq.place.all')}</option>
              {list.map((l) => (
                <option key={l.code} value={l.code}>
                  {placeName(l.name, l.code, lang)}
                </option>
              ))}
            </select>
          </label>
        );
      })}
    </div>
  );
}
