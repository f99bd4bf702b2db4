/** One feature's texts in every interface language; English is the reference set of keys. */
export interface Catalogue {
  en: Record<string, string>;
  fr: Record<string, string>;
  rn: Record<string, string>;
}
