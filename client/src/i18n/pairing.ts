import type { Catalogue } from './catalogue.js';

/** Deployment: pairing a tablet with the server, the connection check, off-machine backup copies. */
export const pairing = {
  en: {
    'admin.tab.pairing': 'Pairing',
    'pairing.title': 'Pair a tablet with this server',
    'pairing.address': 'Address of the server for the tablets:',
    'pairing.notConfigured':
      'This is the address this page was opened with. If the tablets use another one, set PUBLIC_URL on the server.',
    'pairing.needsHttps':
      'This address is not HTTPS: tablets cannot install the app or work offline from it. Put the server behind Caddy (README, “Deploying to a server”) and use its https:// address.',
    'pairing.trustProxy':
      'The server does not see that this page came over HTTPS: set TRUST_PROXY=true on the server (it sits behind a proxy).',
    'pairing.step': 'Step {n}:',
    'pairing.caQr': 'QR code: the certificate to install on the tablet',
    'pairing.caStep':
      'scan this with the tablet’s camera to download the server’s certificate, then install it (see below).',
    'pairing.appQr': 'QR code: open Kusanya on the tablet',
    'pairing.appStep':
      'scan this with the tablet’s camera: it opens Kusanya and checks the connection (HTTPS, certificate, clock).',
    'pairing.android.title': 'Installing the certificate on an Android tablet (once per tablet)',
    'pairing.android.1': 'Scan the first QR code; Chrome downloads the file kusanya-ca.crt.',
    'pairing.android.2':
      'Open Settings → Security (or Security & privacy) → More security settings → Encryption & credentials → Install a certificate → CA certificate.',
    'pairing.android.3': 'Tap “Install anyway”, choose kusanya-ca.crt in Downloads, and confirm with the tablet’s PIN.',
    'pairing.android.4': 'Close Chrome completely, then scan the second QR code.',
    'pairing.thisBrowser': 'The connection of this browser',
    'pairing.checking': 'Checking the connection…',
    'pairing.check.server.ok': 'The server answers.',
    'pairing.check.server.problem': 'The server does not answer: check the network, or that the server is running.',
    'pairing.check.server.unknown': 'The server was not checked.',
    'pairing.check.https.ok': 'The connection is HTTPS.',
    'pairing.check.https.problem':
      'The connection is not HTTPS: the app cannot be installed or work offline. Use the https:// address.',
    'pairing.check.https.unknown': 'HTTPS was not checked.',
    'pairing.check.localhost':
      'This is the server’s own address (localhost): tablets cannot use it. Open the address shown above.',
    'pairing.check.certificate.ok': 'The certificate is trusted (the app’s offline part is installed).',
    'pairing.check.certificate.problem':
      'The certificate is not trusted, so the app cannot work offline. On a LAN server, install the server’s certificate on this tablet (step 1), then close Chrome and try again.',
    'pairing.check.certificate.unknown': 'The certificate cannot be checked without HTTPS.',
    'pairing.check.clock.ok': 'The clock is right.',
    'pairing.check.clock.ahead':
      'The clock of this device is {minutes} minutes ahead of the server: set the date and time (Settings → Date & time → automatic).',
    'pairing.check.clock.behind':
      'The clock of this device is {minutes} minutes behind the server: set the date and time (Settings → Date & time → automatic).',
    'pairing.check.clock.unknown': 'The clock could not be compared with the server’s.',
    'pairing.check.allGood': 'Everything is ready: this device can install Kusanya and sync.',
    'pairing.check.fix': 'Fix what is marked ✖ above, then check again.',
    'pairing.check.again': 'Check again',
    'pairing.connect.title': 'Connection check',
    'pairing.connect.intro': 'This page checks that this tablet can use Kusanya at {address}.',
    'pairing.connect.installTitle': 'Install the app',
    'pairing.connect.install1': 'In Chrome’s menu (⋮), tap “Install app” (or “Add to Home screen”).',
    'pairing.connect.install2': 'Open Kusanya from the home screen and log in once with a connection.',
    'pairing.connect.open': 'Open Kusanya',
    'login.checkConnection': 'Check the connection',
    'admin.copies.title': 'Copies off this machine',
    'admin.copies.state.off':
      'Backups are not copied off this machine. Set BACKUP_COPY_DIR (another disk) or BACKUP_COPY_COMMAND on the server: a backup on the same disk does not survive the disk.',
    'admin.copies.state.pending': 'Copies are set up, but none has been made yet.',
    'admin.copies.state.ok': 'The backups are copied off this machine.',
    'admin.copies.state.failing': 'The last copy off this machine FAILED. See the reason below.',
    'admin.copies.state.late': 'No backup has been copied off this machine for too long.',
    'admin.copies.folder': 'To the folder {dir}',
    'admin.copies.command': 'With the copy command set on the server',
    'admin.copies.last': 'Last good copy: {time} ({name})',
    'admin.copies.never': 'No good copy yet.',
    'admin.copies.lastError': 'Failed on {time}: {message}',
    'admin.copies.now': 'Copy the newest backup now',
    'admin.copies.running': 'Copying…',
    'admin.copies.copied': '{name} was copied off this machine.',
    'admin.copies.copyFailed': 'The copy failed: {message}',
  },
  fr: {
    'admin.tab.pairing': 'Appairage',
    'pairing.title': 'Appairer une tablette avec ce serveur',
    'pairing.address': 'Adresse du serveur pour les tablettes :',
    'pairing.notConfigured':
      "C'est l'adresse avec laquelle cette page a été ouverte. Si les tablettes en utilisent une autre, réglez PUBLIC_URL sur le serveur.",
    'pairing.needsHttps':
      "Cette adresse n'est pas en HTTPS : les tablettes ne peuvent ni installer l'application ni travailler hors ligne. Placez le serveur derrière Caddy (README, « Deploying to a server ») et utilisez son adresse https://.",
    'pairing.trustProxy':
      'Le serveur ne voit pas que cette page est arrivée en HTTPS : réglez TRUST_PROXY=true sur le serveur (il est derrière un proxy).',
    'pairing.step': 'Étape {n} :',
    'pairing.caQr': 'Code QR : le certificat à installer sur la tablette',
    'pairing.caStep':
      "scannez-le avec l'appareil photo de la tablette pour télécharger le certificat du serveur, puis installez-le (voir plus bas).",
    'pairing.appQr': 'Code QR : ouvrir Kusanya sur la tablette',
    'pairing.appStep':
      "scannez-le avec l'appareil photo de la tablette : il ouvre Kusanya et vérifie la connexion (HTTPS, certificat, heure).",
    'pairing.android.title': 'Installer le certificat sur une tablette Android (une fois par tablette)',
    'pairing.android.1': 'Scannez le premier code QR ; Chrome télécharge le fichier kusanya-ca.crt.',
    'pairing.android.2':
      'Ouvrez Paramètres → Sécurité → Autres paramètres de sécurité → Chiffrement et identifiants → Installer un certificat → Certificat CA.',
    'pairing.android.3':
      'Touchez « Installer quand même », choisissez kusanya-ca.crt dans Téléchargements et confirmez avec le code de la tablette.',
    'pairing.android.4': 'Fermez complètement Chrome, puis scannez le second code QR.',
    'pairing.thisBrowser': 'La connexion de ce navigateur',
    'pairing.checking': 'Vérification de la connexion…',
    'pairing.check.server.ok': 'Le serveur répond.',
    'pairing.check.server.problem': 'Le serveur ne répond pas : vérifiez le réseau, ou que le serveur est démarré.',
    'pairing.check.server.unknown': "Le serveur n'a pas été vérifié.",
    'pairing.check.https.ok': 'La connexion est en HTTPS.',
    'pairing.check.https.problem':
      "La connexion n'est pas en HTTPS : l'application ne peut pas s'installer ni fonctionner hors ligne. Utilisez l'adresse https://.",
    'pairing.check.https.unknown': "Le HTTPS n'a pas été vérifié.",
    'pairing.check.localhost':
      "C'est l'adresse du serveur lui-même (localhost) : les tablettes ne peuvent pas l'utiliser. Ouvrez l'adresse affichée plus haut.",
    'pairing.check.certificate.ok': "Le certificat est reconnu (la partie hors ligne de l'application est installée).",
    'pairing.check.certificate.problem':
      "Le certificat n'est pas reconnu : l'application ne peut pas fonctionner hors ligne. Sur un serveur local, installez le certificat du serveur sur cette tablette (étape 1), fermez Chrome et réessayez.",
    'pairing.check.certificate.unknown': 'Le certificat ne peut pas être vérifié sans HTTPS.',
    'pairing.check.clock.ok': "L'heure est juste.",
    'pairing.check.clock.ahead':
      "L'horloge de cet appareil avance de {minutes} minutes sur le serveur : réglez la date et l'heure (Paramètres → Date et heure → automatique).",
    'pairing.check.clock.behind':
      "L'horloge de cet appareil retarde de {minutes} minutes sur le serveur : réglez la date et l'heure (Paramètres → Date et heure → automatique).",
    'pairing.check.clock.unknown': "L'heure n'a pas pu être comparée à celle du serveur.",
    'pairing.check.allGood': 'Tout est prêt : cet appareil peut installer Kusanya et synchroniser.',
    'pairing.check.fix': 'Corrigez ce qui est marqué ✖ ci-dessus, puis vérifiez à nouveau.',
    'pairing.check.again': 'Vérifier à nouveau',
    'pairing.connect.title': 'Vérification de la connexion',
    'pairing.connect.intro': 'Cette page vérifie que cette tablette peut utiliser Kusanya à {address}.',
    'pairing.connect.installTitle': "Installer l'application",
    'pairing.connect.install1':
      "Dans le menu de Chrome (⋮), touchez « Installer l'application » (ou « Ajouter à l'écran d'accueil »).",
    'pairing.connect.install2':
      "Ouvrez Kusanya depuis l'écran d'accueil et connectez-vous une fois avec une connexion.",
    'pairing.connect.open': 'Ouvrir Kusanya',
    'login.checkConnection': 'Vérifier la connexion',
    'admin.copies.title': 'Copies hors de cette machine',
    'admin.copies.state.off':
      'Les sauvegardes ne sont pas copiées hors de cette machine. Réglez BACKUP_COPY_DIR (un autre disque) ou BACKUP_COPY_COMMAND sur le serveur : une sauvegarde sur le même disque ne survit pas au disque.',
    'admin.copies.state.pending': "Les copies sont configurées, mais aucune n'a encore été faite.",
    'admin.copies.state.ok': 'Les sauvegardes sont copiées hors de cette machine.',
    'admin.copies.state.failing': 'La dernière copie hors de cette machine a ÉCHOUÉ. Voir la raison ci-dessous.',
    'admin.copies.state.late': "Aucune sauvegarde n'a été copiée hors de cette machine depuis trop longtemps.",
    'admin.copies.folder': 'Vers le dossier {dir}',
    'admin.copies.command': 'Avec la commande de copie réglée sur le serveur',
    'admin.copies.last': 'Dernière copie réussie : {time} ({name})',
    'admin.copies.never': 'Aucune copie réussie pour le moment.',
    'admin.copies.lastError': 'Échec le {time} : {message}',
    'admin.copies.now': 'Copier la dernière sauvegarde maintenant',
    'admin.copies.running': 'Copie en cours…',
    'admin.copies.copied': '{name} a été copiée hors de cette machine.',
    'admin.copies.copyFailed': 'La copie a échoué : {message}',
  },
  rn: {
    'admin.tab.pairing': 'Guhuza tablette',
    'pairing.title': 'Huza tablette n’iyi serveri',
    'pairing.address': 'Aderesi ya serveri ku matablette:',
    'pairing.notConfigured':
      'Iyi ni aderesi uru rupapuro rwuguruweko. Nimba amatablette akoresha iyindi, shiraho PUBLIC_URL kuri serveri.',
    'pairing.needsHttps':
      'Iyi aderesi si HTTPS: amatablette ntashobora gushiramwo porogarama canke gukora atari ku murongo. Shira serveri inyuma ya Caddy (README) ukoreshe aderesi yayo https://.',
    'pairing.trustProxy':
      'Serveri ntibona ko uru rupapuro rwaje muri HTTPS: shiraho TRUST_PROXY=true kuri serveri (iri inyuma ya proxy).',
    'pairing.step': 'Intambwe {n}:',
    'pairing.caQr': 'Kode QR: icemezo co gushira kuri tablette',
    'pairing.caStep':
      'yifotore na kamera ya tablette kugira ukurure icemezo ca serveri, hanyuma ugishiremwo (raba hepfo).',
    'pairing.appQr': 'Kode QR: ugurura Kusanya kuri tablette',
    'pairing.appStep': 'yifotore na kamera ya tablette: yugurura Kusanya igasuzuma umurongo (HTTPS, icemezo, isaha).',
    'pairing.android.title': 'Gushira icemezo kuri tablette ya Android (rimwe kuri tablette)',
    'pairing.android.1': 'Fotora kode QR ya mbere; Chrome ikurura idosiye kusanya-ca.crt.',
    'pairing.android.2':
      'Ugurura Paramètres → Sécurité → Chiffrement et identifiants → Installer un certificat → Certificat CA.',
    'pairing.android.3': 'Kanda « Installer quand même », hitamwo kusanya-ca.crt, wemeze na kode ya tablette.',
    'pairing.android.4': 'Ugara Chrome yose, hanyuma ufotore kode QR ya kabiri.',
    'pairing.thisBrowser': 'Umurongo w’iyi mucukumbuzi',
    'pairing.checking': 'Turasuzuma umurongo…',
    'pairing.check.server.ok': 'Serveri irishura.',
    'pairing.check.server.problem': 'Serveri ntiyishura: suzuma umurongo, canke ko serveri ikora.',
    'pairing.check.server.unknown': 'Serveri ntiyasuzumwe.',
    'pairing.check.https.ok': 'Umurongo ni HTTPS.',
    'pairing.check.https.problem':
      'Umurongo si HTTPS: porogarama ntishobora gushirwamwo canke gukora atari ku murongo. Koresha aderesi https://.',
    'pairing.check.https.unknown': 'HTTPS ntiyasuzumwe.',
    'pairing.check.localhost':
      'Iyi ni aderesi ya serveri ubwayo (localhost): amatablette ntashobora kuyikoresha. Ugurura aderesi iri hejuru.',
    'pairing.check.certificate.ok': 'Icemezo kiremewe (igice ca porogarama gikora atari ku murongo carashizwemwo).',
    'pairing.check.certificate.problem':
      'Icemezo nticemewe: porogarama ntishobora gukora atari ku murongo. Kuri serveri y’aho hafi, shira icemezo ca serveri kuri iyi tablette (intambwe 1), wugare Chrome wongere ugerageze.',
    'pairing.check.certificate.unknown': 'Icemezo ntigishobora gusuzumwa hatari HTTPS.',
    'pairing.check.clock.ok': 'Isaha iratunganye.',
    'pairing.check.clock.ahead':
      'Isaha y’iki gikoresho irarengeje iya serveri iminota {minutes}: tunganya itariki n’isaha (Paramètres → Date et heure → automatique).',
    'pairing.check.clock.behind':
      'Isaha y’iki gikoresho iri inyuma y’iya serveri iminota {minutes}: tunganya itariki n’isaha (Paramètres → Date et heure → automatique).',
    'pairing.check.clock.unknown': 'Isaha ntiyashoboye kugereranywa n’iya serveri.',
    'pairing.check.allGood': 'Vyose biriteguye: iki gikoresho gishobora gushiramwo Kusanya no kurungika.',
    'pairing.check.fix': 'Tunganya ibiranzwe ✖ hejuru, hanyuma wongere usuzume.',
    'pairing.check.again': 'Ongera usuzume',
    'pairing.connect.title': 'Gusuzuma umurongo',
    'pairing.connect.intro': 'Uru rupapuro rurasuzuma ko iyi tablette ishobora gukoresha Kusanya kuri {address}.',
    'pairing.connect.installTitle': 'Gushiramwo porogarama',
    'pairing.connect.install1': 'Mu menu ya Chrome (⋮), kanda « Installer l’application ».',
    'pairing.connect.install2': 'Ugurura Kusanya uvuye ku rupapuro nyamukuru winjire rimwe ufise umurongo.',
    'pairing.connect.open': 'Ugurura Kusanya',
    'login.checkConnection': 'Suzuma umurongo',
    'admin.copies.title': 'Kopi zitari kuri iyi mashini',
    'admin.copies.state.off':
      'Ivyabitswe ntibikopororwa hanze y’iyi mashini. Shiraho BACKUP_COPY_DIR (iyindi disque) canke BACKUP_COPY_COMMAND kuri serveri.',
    'admin.copies.state.pending': 'Kopi zarateguwe, ariko nta yirakorwa.',
    'admin.copies.state.ok': 'Ivyabitswe birakopororwa hanze y’iyi mashini.',
    'admin.copies.state.failing': 'Kopi iheruka hanze y’iyi mashini YANANIWE. Raba imvo hepfo.',
    'admin.copies.state.late': 'Hashize igihe kirekire nta vyabitswe bikopororwa hanze y’iyi mashini.',
    'admin.copies.folder': 'Mu bubiko {dir}',
    'admin.copies.command': 'Na komande yo gukoporora yashizwe kuri serveri',
    'admin.copies.last': 'Kopi nziza iheruka: {time} ({name})',
    'admin.copies.never': 'Nta kopi nziza iraba.',
    'admin.copies.lastError': 'Vyananiwe ku wa {time}: {message}',
    'admin.copies.now': 'Koporora ivyabitswe vya vuba ubu',
    'admin.copies.running': 'Birakopororwa…',
    'admin.copies.copied': '{name} vyakopororewe hanze y’iyi mashini.',
    'admin.copies.copyFailed': 'Gukoporora vyananiwe: {message}',
  },
} satisfies Catalogue;
