import type { Catalogue } from './catalogue.js';

/** The office screens' entries in the main menu (the screens' own texts are in hq.ts, loaded with them). */
export const hqNav = {
  en: {
    'hq.nav.registry': 'Registry',
    'hq.nav.grievances': 'Grievances',
    'hq.nav.dashboards': 'Dashboards',
    'hq.nav.exports': 'Exports',
    'hq.nav.targets': 'Indicators',
  },
  fr: {
    'hq.nav.registry': 'Registre',
    'hq.nav.grievances': 'Plaintes',
    'hq.nav.dashboards': 'Tableaux de bord',
    'hq.nav.exports': 'Exports',
    'hq.nav.targets': 'Indicateurs',
  },
  rn: {
    'hq.nav.registry': 'Igitabo',
    'hq.nav.grievances': 'Ibirego',
    'hq.nav.dashboards': 'Incamake',
    'hq.nav.exports': 'Gukura amakuru',
    'hq.nav.targets': 'Ibipimo',
  },
} satisfies Catalogue;
