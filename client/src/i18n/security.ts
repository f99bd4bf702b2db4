import type { Catalogue } from './catalogue.js';

/** Login lockout, unlocking the records on this tablet, and the protection of local data. */
export const security = {
  en: {
    'security.locked':
      'Too many wrong passwords. This account is locked until {time}. Try again then, or ask your administrator to unlock it.',
    'security.lockedNoTime':
      'Too many wrong passwords. This account is locked for a while. Try again later, or ask your administrator to unlock it.',
    'security.unlockHint': 'Kusanya was closed. {name}, enter your password to open your records on this tablet.',
    'security.keyLost':
      'Your password was changed, and the key of the records on this tablet could not be fetched from the server. Nothing was deleted. Try again when the connection is good, or ask your administrator.',
    'security.keyMismatch':
      'The records on this tablet are locked with another key and could not be opened. Nothing was deleted. Log out and log in again online, or ask your administrator.',
    'migration.records': 'Updating the records on this tablet for the new version: {done} of {total}. Nothing is lost.',
    'migration.failed':
      'Some records of the previous version could not be brought over yet ({message}). They stay on the tablet; the app tries again at the next start.',
  },
  fr: {
    'security.locked':
      "Trop de mots de passe erronés. Ce compte est bloqué jusqu'à {time}. Réessayez à ce moment-là ou demandez à votre administrateur de le débloquer.",
    'security.lockedNoTime':
      'Trop de mots de passe erronés. Ce compte est bloqué pour un moment. Réessayez plus tard ou demandez à votre administrateur de le débloquer.',
    'security.unlockHint':
      'Kusanya a été fermé. {name}, saisissez votre mot de passe pour ouvrir vos fiches sur cette tablette.',
    'security.keyLost':
      "Votre mot de passe a changé et la clé des fiches de cette tablette n'a pas pu être obtenue du serveur. Rien n'a été supprimé. Réessayez avec une bonne connexion ou demandez à votre administrateur.",
    'security.keyMismatch':
      "Les fiches de cette tablette sont protégées par une autre clé et n'ont pas pu être ouvertes. Rien n'a été supprimé. Déconnectez-vous et reconnectez-vous en ligne, ou demandez à votre administrateur.",
    'migration.records':
      'Mise à jour des fiches de cette tablette pour la nouvelle version : {done} sur {total}. Rien n’est perdu.',
    'migration.failed':
      'Des fiches de la version précédente n’ont pas encore pu être reprises ({message}). Elles restent sur la tablette ; l’application réessaie au prochain démarrage.',
  },
  rn: {
    'security.locked':
      'Mwanditse nabi ijambo ry’ibanga incuro nyinshi. Iyi konte yugawe gushika {time}. Muzosubire icarabu canke musabe umuyobozi wanyu kuyugurura.',
    'security.lockedNoTime':
      'Mwanditse nabi ijambo ry’ibanga incuro nyinshi. Iyi konte yugawe igihe gitoya. Muzosubire hanyuma canke musabe umuyobozi wanyu kuyugurura.',
    'security.unlockHint':
      'Kusanya yari yugawe. {name}, andika ijambo ry’ibanga kugira wugurure amafishi yawe kuri iyi tablette.',
    'security.keyLost':
      'Ijambo ryanyu ry’ibanga ryarahinduwe, kandi urufunguzo rw’amafishi y’iyi tablette ntirwashoboye kuboneka ku seriveri. Nta na kimwe cahanaguwe. Musubire mufise interineti nziza canke musabe umuyobozi wanyu.',
    'security.keyMismatch':
      'Amafishi y’iyi tablette akingishijwe urundi rufunguzo, ntiyashoboye kwugururwa. Nta na kimwe cahanaguwe. Musohoke musubire kwinjira muri kuri interineti, canke musabe umuyobozi wanyu.',
    'migration.records': 'Turiko turavugurura amafishi y’iyi tablette: {done} kuri {total}. Nta kintu gitakara.',
    'migration.failed':
      'Amafishi amwe y’ubwoko bwa kera ntiyashoboye kwimurwa ({message}). Aguma kuri tablette; porogaramu izosubira kugerageza niyongera gufungurwa.',
  },
} satisfies Catalogue;
