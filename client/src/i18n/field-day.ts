import type { Catalogue } from './catalogue.js';

/** Places the user may capture in, the record page of the outbox, the truthful sync state. */
export const fieldDay = {
  en: {
    'sync.waitingConnection': 'Waiting for a connection: {count} to send',
    'sync.sessionDone': 'Since the app opened: {sent} records sent, {received} received ({bytes})',
    'finish.sending': 'The record is in the outbox and is being sent.',
    'finish.sent': 'The record has been sent. Its state is on its card below.',
    'finish.needsCorrection': 'The record was sent back: something needs correcting. Open it to see what.',
    'area.outside': '{place} is not one of your collines: a record for it cannot be sent. Choose one of your collines.',
    'area.revisitOutside':
      'This household is registered on {place}, which is not one of your collines: its revisit cannot be sent from this tablet. Ask your supervisor to assign the colline or to hand the household to its enumerator.',
    'area.cannotFinish':
      'This record is for {place}, which is not one of your collines: it stays as a draft. Change the colline, or ask your supervisor.',
    'record.open': 'Open',
    'record.answers': 'Answers',
    'record.export': 'Save this record to a file',
    'record.exported': 'Saved as {file} in the Downloads folder.',
    'record.notFound': 'This record is not on this tablet.',
    'record.deleteCorrection': 'Delete the correction in progress',
    'record.deleteCorrectionConfirm': 'Delete the correction in progress? The record itself stays as it was.',
    'record.finalized': 'Finished on {when}',
    'record.place': 'Colline: {place}',
    'record.untitled': '{form} started on {when}',
  },
  fr: {
    'sync.waitingConnection': 'En attente d’une connexion : {count} à envoyer',
    'sync.sessionDone': 'Depuis l’ouverture : {sent} fiches envoyées, {received} reçues ({bytes})',
    'finish.sending': "La fiche est dans la boîte d'envoi et part maintenant.",
    'finish.sent': 'La fiche a été envoyée. Son état est indiqué sur sa carte ci-dessous.',
    'finish.needsCorrection': 'La fiche est revenue : quelque chose est à corriger. Ouvrez-la pour voir quoi.',
    'area.outside':
      "{place} ne fait pas partie de vos collines : une fiche pour ce lieu ne peut pas être envoyée. Choisissez l'une de vos collines.",
    'area.revisitOutside':
      'Ce ménage est enregistré sur {place}, qui ne fait pas partie de vos collines : sa nouvelle visite ne peut pas être envoyée depuis cette tablette. Demandez à votre superviseur de vous attribuer la colline ou de confier le ménage à son enquêteur.',
    'area.cannotFinish':
      'Cette fiche concerne {place}, qui ne fait pas partie de vos collines : elle reste en brouillon. Changez la colline ou demandez à votre superviseur.',
    'record.open': 'Ouvrir',
    'record.answers': 'Réponses',
    'record.export': 'Enregistrer cette fiche dans un fichier',
    'record.exported': 'Enregistrée sous {file} dans le dossier Téléchargements.',
    'record.notFound': "Cette fiche n'est pas sur cette tablette.",
    'record.deleteCorrection': 'Supprimer la correction en cours',
    'record.deleteCorrectionConfirm': 'Supprimer la correction en cours ? La fiche elle-même reste telle quelle.',
    'record.finalized': 'Terminée le {when}',
    'record.place': 'Colline : {place}',
    'record.untitled': '{form} commencée le {when}',
  },
  rn: {
    'sync.waitingConnection': 'Irarindiriye rezo: {count} zo kurungika',
    'sync.sessionDone': 'Kuva porogaramu yugurutse: {sent} zarungitswe, {received} zashitse ({bytes})',
    'finish.sending': 'Ifishi iri mu vyo kurungika kandi iriko irarungikwa.',
    'finish.sent': 'Ifishi yarungitswe. Uko imeze kwanditse ku karata kayo hepfo.',
    'finish.needsCorrection': 'Ifishi yagarutse: hari ico gukosora. Yugurure urabe ico ari co.',
    'area.outside': '{place} ntiri mu misozi yawe: ifishi yaho ntishobora kurungikwa. Hitamwo umwe mu misozi yawe.',
    'area.revisitOutside':
      'Uru rugo rwanditswe kuri {place}, umusozi utari mu yawe: isubiramwo ryarwo ntirishobora kurungikwa kuri iyi tablete. Saba umukuru wawe akugenere uwo musozi canke ashikirize urwo rugo umukarani warwo.',
    'area.cannotFinish':
      'Iyi fishi ni iya {place}, umusozi utari mu yawe: iguma ari agateganyo. Hindura umusozi, canke ubaze umukuru wawe.',
    'record.open': 'Ugurura',
    'record.answers': 'Inyishu',
    'record.export': 'Bika iyi fishi mu dosiye',
    'record.exported': 'Yabitswe nka {file} mu bubiko bwa Téléchargements.',
    'record.notFound': 'Iyi fishi ntiri kuri iyi tablete.',
    'record.deleteCorrection': 'Futa ikosora riri gukorwa',
    'record.deleteCorrectionConfirm': 'Futa ikosora riri gukorwa? Ifishi nyene iguma uko yari.',
    'record.finalized': 'Yarangiye {when}',
    'record.place': 'Umusozi: {place}',
    'record.untitled': '{form} yatanguye {when}',
  },
} satisfies Catalogue;
