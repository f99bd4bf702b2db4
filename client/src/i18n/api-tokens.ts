import type { Catalogue } from './catalogue.js';

/** Administration: API tokens of other systems (the MIS reading Kobo's data API from Kusanya). */
export const apiTokens = {
  en: {
    'admin.tab.api-tokens': 'API tokens',
    'admin.apiTokens.title': 'API tokens for other systems',
    'admin.apiTokens.intro':
      'A system such as the MIS reads the forms it used to read from KoboToolbox with a token. A token only reads, only the forms ticked, and only the areas given; every read is in the audit log. Revoke a token the moment it is no longer needed or may have leaked.',
    'admin.apiTokens.none': 'No API token yet.',
    'admin.apiTokens.name': 'Name',
    'admin.apiTokens.token': 'Token',
    'admin.apiTokens.forms': 'Forms it reads',
    'admin.apiTokens.areas': 'Areas',
    'admin.apiTokens.allAreas': 'All',
    'admin.apiTokens.created': 'Created',
    'admin.apiTokens.lastUsed': 'Last used',
    'admin.apiTokens.never': 'Never',
    'admin.apiTokens.revoked': 'Revoked {date}',
    'admin.apiTokens.revoke': 'Revoke',
    'admin.apiTokens.revokeConfirm': 'Revoke the token "{name}"? The system using it will be refused from now on.',
    'admin.apiTokens.revokedDone': 'Token "{name}" revoked.',
    'admin.apiTokens.new': 'New token',
    'admin.apiTokens.namePlaceholder': 'e.g. openimis',
    'admin.apiTokens.areasHint': 'Area codes separated by commas (e.g. P03, C0501); leave empty for every area.',
    'admin.apiTokens.create': 'Create the token',
    'admin.apiTokens.pickForm': 'Tick at least one form.',
    'admin.apiTokens.shownOnce':
      'Copy this token now and give it to the people running "{name}": it is shown only once. They send it as "Authorization: Token …".',
  },
  fr: {
    'admin.tab.api-tokens': 'Jetons d’API',
    'admin.apiTokens.title': 'Jetons d’API des autres systèmes',
    'admin.apiTokens.intro':
      'Un système comme le SIG lit avec un jeton les formulaires qu’il lisait dans KoboToolbox. Un jeton ne fait que lire, seulement les formulaires cochés et les zones indiquées ; chaque lecture est dans le journal d’audit. Révoquez un jeton dès qu’il ne sert plus ou qu’il a pu fuiter.',
    'admin.apiTokens.none': 'Aucun jeton d’API.',
    'admin.apiTokens.name': 'Nom',
    'admin.apiTokens.token': 'Jeton',
    'admin.apiTokens.forms': 'Formulaires lus',
    'admin.apiTokens.areas': 'Zones',
    'admin.apiTokens.allAreas': 'Toutes',
    'admin.apiTokens.created': 'Créé',
    'admin.apiTokens.lastUsed': 'Dernière lecture',
    'admin.apiTokens.never': 'Jamais',
    'admin.apiTokens.revoked': 'Révoqué le {date}',
    'admin.apiTokens.revoke': 'Révoquer',
    'admin.apiTokens.revokeConfirm':
      'Révoquer le jeton « {name} » ? Le système qui l’utilise sera refusé dès maintenant.',
    'admin.apiTokens.revokedDone': 'Jeton « {name} » révoqué.',
    'admin.apiTokens.new': 'Nouveau jeton',
    'admin.apiTokens.namePlaceholder': 'p. ex. openimis',
    'admin.apiTokens.areasHint':
      'Codes de zones séparés par des virgules (p. ex. P03, C0501) ; vide pour toutes les zones.',
    'admin.apiTokens.create': 'Créer le jeton',
    'admin.apiTokens.pickForm': 'Cochez au moins un formulaire.',
    'admin.apiTokens.shownOnce':
      'Copiez ce jeton maintenant et donnez-le aux responsables de « {name} » : il n’est affiché qu’une fois. Ils l’envoient comme « Authorization: Token … ».',
  },
  rn: {
    'admin.tab.api-tokens': 'Ivyangombwa vya API',
    'admin.apiTokens.title': 'Ivyangombwa vya API vy’iyindi migwi',
    'admin.apiTokens.intro':
      'Umugwi nka MIS usoma n’icangombwa amafomu yasoma muri KoboToolbox. Icangombwa gisoma gusa, amafomu yatowe gusa n’uturere twatanzwe; isomwa ryose riri mu gitabo c’igenzura. Kura icangombwa igihe kitagikenewe canke cashobora kuba caramenyekanye.',
    'admin.apiTokens.none': 'Nta cangombwa ca API kiraho.',
    'admin.apiTokens.name': 'Izina',
    'admin.apiTokens.token': 'Icangombwa',
    'admin.apiTokens.forms': 'Amafomu gisoma',
    'admin.apiTokens.areas': 'Uturere',
    'admin.apiTokens.allAreas': 'Twose',
    'admin.apiTokens.created': 'Cakozwe',
    'admin.apiTokens.lastUsed': 'Isomwa rya nyuma',
    'admin.apiTokens.never': 'Nta na rimwe',
    'admin.apiTokens.revoked': 'Cakuweko {date}',
    'admin.apiTokens.revoke': 'Gukura',
    'admin.apiTokens.revokeConfirm': 'Gukura icangombwa "{name}"? Umugwi ugikoresha uzokwankirwa guhera ubu.',
    'admin.apiTokens.revokedDone': 'Icangombwa "{name}" cakuweko.',
    'admin.apiTokens.new': 'Icangombwa gishasha',
    'admin.apiTokens.namePlaceholder': 'nk’akarorero openimis',
    'admin.apiTokens.areasHint':
      'Kode z’uturere zitandukanijwe n’akabago (nka P03, C0501); reka hatarimwo ku turere twose.',
    'admin.apiTokens.create': 'Kurema icangombwa',
    'admin.apiTokens.pickForm': 'Tora n’imiburiburi ifomu imwe.',
    'admin.apiTokens.shownOnce':
      'Kopa iki cangombwa ubu ugihe abajejwe "{name}": cerekanwa rimwe gusa. Bakirungika nka "Authorization: Token …".',
  },
} satisfies Catalogue;
