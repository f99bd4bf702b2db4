import type { Catalogue } from './catalogue.js';

/** Admin: importing an XLSForm workbook. */
export const formImport = {
  en: {
    'formImport.nav': 'Import a form',
    'formImport.title': 'Import a form (XLSForm)',
    'formImport.intro':
      'Choose an XLSForm workbook (.xlsx, .xls) and, if the form uses them, its media files (CSV lists, images, audio). It is checked first; publish it once it has no problems. Tablets download published forms at their next sync.',
    'formImport.file': 'XLSForm file (.xlsx, .xls)',
    'formImport.media': 'Form media files (CSV, XML, GeoJSON, images, audio, video), optional',
    'formImport.check': 'Check the file',
    'formImport.checking': 'Checking…',
    'formImport.publish': 'Publish version {version}',
    'formImport.publishing': 'Publishing…',
    'formImport.valid': '“{title}” ({formId}), version {version}, has no problems.',
    'formImport.published': '“{title}” version {version} is published. Tablets will download it at their next sync.',
    'formImport.unchanged': 'Version {version} was already published with this content: nothing changed.',
    'formImport.problems':
      'The file has {count} problem(s); nothing was imported. Fix them in the spreadsheet and check again.',
    'formImport.warnings': 'Warnings ({count})',
    'formImport.sheet': 'Sheet',
    'formImport.row': 'Row',
    'formImport.column': 'Column',
    'formImport.message': 'Problem',
    'formImport.offline': 'Connect to the internet to import forms.',
    'formImport.failed': 'The import failed: {message}',
  },
  fr: {
    'formImport.nav': 'Importer un formulaire',
    'formImport.title': 'Importer un formulaire (XLSForm)',
    'formImport.intro':
      'Choisissez un classeur XLSForm (.xlsx, .xls) et, si le formulaire en utilise, ses fichiers médias (listes CSV, images, sons). Il est d’abord vérifié ; publiez-le quand il n’a plus de problème. Les tablettes téléchargent les formulaires publiés à leur prochaine synchronisation.',
    'formImport.file': 'Fichier XLSForm (.xlsx, .xls)',
    'formImport.media': 'Fichiers médias du formulaire (CSV, XML, GeoJSON, images, sons, vidéos), facultatif',
    'formImport.check': 'Vérifier le fichier',
    'formImport.checking': 'Vérification…',
    'formImport.publish': 'Publier la version {version}',
    'formImport.publishing': 'Publication…',
    'formImport.valid': '« {title} » ({formId}), version {version}, ne contient aucun problème.',
    'formImport.published':
      '« {title} » version {version} est publié. Les tablettes le téléchargeront à leur prochaine synchronisation.',
    'formImport.unchanged': 'La version {version} était déjà publiée avec ce contenu : rien n’a changé.',
    'formImport.problems':
      'Le fichier contient {count} problème(s) ; rien n’a été importé. Corrigez-les dans le tableur et vérifiez à nouveau.',
    'formImport.warnings': 'Avertissements ({count})',
    'formImport.sheet': 'Feuille',
    'formImport.row': 'Ligne',
    'formImport.column': 'Colonne',
    'formImport.message': 'Problème',
    'formImport.offline': 'Connectez-vous à internet pour importer des formulaires.',
    'formImport.failed': 'L’import a échoué : {message}',
  },
  rn: {
    'formImport.nav': 'Injiza ifomu',
    'formImport.title': 'Injiza ifomu (XLSForm)',
    'formImport.intro':
      'Hitamwo idosiye ya XLSForm (.xlsx, .xls) n’izindi dosiye ifomu ikoresha (CSV, amafoto, amajwi). Ibanza gusuzumwa; uyisohore igihe itakigira ingorane. Amatablette yururutsa amafomu yasohowe igihe ahuza ubukurikira.',
    'formImport.file': 'Idosiye ya XLSForm (.xlsx, .xls)',
    'formImport.media': 'Izindi dosiye z’ifomu (CSV, XML, GeoJSON, amafoto, amajwi, video), si ngombwa',
    'formImport.check': 'Suzuma idosiye',
    'formImport.checking': 'Birasuzumwa…',
    'formImport.publish': 'Sohora verisiyo {version}',
    'formImport.publishing': 'Birasohorwa…',
    'formImport.valid': '« {title} » ({formId}), verisiyo {version}, ntigira ingorane.',
    'formImport.published':
      '« {title} » verisiyo {version} yasohowe. Amatablette azoyururutsa igihe ahuza ubukurikira.',
    'formImport.unchanged': 'Verisiyo {version} yari isanzwe yasohowe ifise ivyo bintu: nta cahindutse.',
    'formImport.problems':
      'Idosiye ifise ingorane {count}; nta kintu cinjijwe. Zikosore mu mbonerahamwe hanyuma usubire usuzume.',
    'formImport.warnings': 'Ivyihanangirizo ({count})',
    'formImport.sheet': 'Urupapuro',
    'formImport.row': 'Umurongo',
    'formImport.column': 'Inkingi',
    'formImport.message': 'Ingorane',
    'formImport.offline': 'Ronka interineti kugira winjize amafomu.',
    'formImport.failed': 'Kwinjiza vyanse: {message}',
  },
} satisfies Catalogue;
