import type { FormDoc } from '@kusanya/schemas';
import { useMemo } from 'react';
import { useWorkspace } from '../db/workspace.js';
import { useObservable } from '../ui/use-observable.js';

/** The form versions on this device (every role pulls them), to label answers in the chosen language. */
export function useFormDocs(): { byVersion(formId: string, version: string): FormDoc | undefined; all: FormDoc[] } {
  const { db } = useWorkspace();
  const docs = useObservable(() => db.forms.find().$, [], [db]);
  return useMemo(() => {
    const all = docs.map((d) => d.toJSON() as FormDoc);
    const map = new Map(all.map((f) => [`${f.formId}@${f.version}`, f]));
    return {
      all,
      byVersion: (formId: string, version: string) =>
        map.get(`${formId}@${version}`) ?? all.find((f) => f.formId === formId),
    };
  }, [docs]);
}
