import type { Catalogue } from './catalogue.js';

/** The office screens' entries in the main menu (the screens' own texts are in hq.ts, loaded with them). */
export const hqNav = {
  en: {
    'hq.nav.registry': 'Registry',
    'hq.nav.grievances': 'Grievances',
    'hq.nav.dashboards': 'Dashboards',
    'hq.nav.exports': 'Exports',
    'hq.nav.targets': 'Indicators',
    'home.officeIntro': 'Your work is in the menu: choose a screen below or at the top.',
  },
  fr: {
    'hq.nav.registry': 'Registre',
    'hq.nav.grievances': 'Plaintes',
    'hq.nav.dashboards': 'Tableaux de bord',
    'hq.nav.exports': 'Exports',
    'hq.nav.targets': 'Indicateurs',
    'home.officeIntro': 'Votre travail se trouve dans le menu : choisissez un écran ci-dessous ou en haut.',
  },
  rn: {
    'hq.nav.registry': 'Igitabo',
    'hq.nav.grievances': 'Ibirego',
    'hq.nav.dashboards': 'Incamake',
    'hq.nav.exports': 'Gukura amakuru',
    'hq.nav.targets': 'Ibipimo',
    'home.officeIntro': 'Ibikorwa vyawe biri mu rutonde: hitamwo aho ushaka hepfo canke hejuru.',
  },
} satisfies Catalogue;
