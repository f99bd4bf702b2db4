import type { Catalogue } from './catalogue.js';

/** The registry households of the enumerator's collines, for revisits. */
export const households = {
  en: {
    'nav.households': 'Households',
    'households.title': 'Households of my collines',
    'households.search': 'Find by name or household code',
    'households.count': '{count} households',
    'households.empty':
      'No registered household here yet. They arrive with the sync once households of your collines are approved.',
    'households.members': '{count} members',
    'households.revisit': 'Revisit',
    'households.more': 'Show more',
    'households.preparing': 'Preparing the households list after the update: {done} of {total}…',
  },
  fr: {
    'nav.households': 'Ménages',
    'households.title': 'Ménages de mes collines',
    'households.search': 'Chercher par nom ou code du ménage',
    'households.count': '{count} ménages',
    'households.empty':
      "Aucun ménage enregistré ici pour l'instant. Ils arrivent avec la synchronisation une fois les ménages de vos collines approuvés.",
    'households.members': '{count} membres',
    'households.revisit': 'Revisiter',
    'households.more': 'Afficher plus',
    'households.preparing': 'Préparation de la liste des ménages après la mise à jour : {done} sur {total}…',
  },
  rn: {
    'nav.households': 'Ingo',
    'households.title': 'Ingo zo ku mitumba yanje',
    'households.search': 'Rondera ukoresheje izina canke inomero y’urugo',
    'households.count': 'Ingo {count}',
    'households.empty': 'Nta rugo rwanditswe ngaha. Zizoza n’ihuzwa ingo zo ku mitumba yawe nizimara kwemezwa.',
    'households.members': 'Abanyarugo {count}',
    'households.revisit': 'Subira ugendere',
    'households.more': 'Erekana ibindi',
    'households.preparing': 'Turiko turategura urutonde rw’ingo inyuma y’ivugurura: {done} kuri {total}…',
  },
} satisfies Catalogue;
