/**
 * Names for synthetic people and places. Burundians mostly carry a Kirundi name (often written as the
 * family name) and a Christian or French given name, with or without accents; family members do not
 * necessarily share a name. These lists are made up for demos and benchmarks, not drawn from any register.
 */
export const KIRUNDI_NAMES = [
  'Ndayishimiye', 'Nkurunziza', 'Niyonzima', 'Hakizimana', 'Ndikumana', 'Nshimirimana', 'Niyongabo', 'Bizimana', 'Irakoze', 'Iradukunda',
  'Ndayizeye', 'Nduwimana', 'Niyonkuru', 'Manirakiza', 'Nsengiyumva', 'Havyarimana', 'Ntahomvukiye', 'Bigirimana', 'Nimbona', 'Ciza',
  'Kwizera', 'Niyibizi', 'Nzeyimana', 'Sindayigaya', 'Barutwanayo', 'Butoyi', 'Hatungimana', 'Habonimana', 'Minani', 'Nibizi',
  'Nsabimana', 'Ntakirutimana', 'Ndereyimana', 'Nahimana', 'Uwimana', 'Mugisha', 'Inamahoro', 'Ininahazwe', 'Kaneza', 'Akimana',
  'Nizigiyimana', 'Ndabarushimana', 'Ndihokubwayo', 'Tuyisenge', 'Irambona', 'Nkeshimana', 'Ngendakumana', 'Ntirampeba', 'Bukuru', 'Niyokwizera',
  'Nizeyimana', 'Ntunzwenimana', 'Hakizimfura', 'Nyandwi', 'Nsanzurwimo', 'Bucumi', 'Ntiranyibagira', 'Nijimbere', 'Ndorere', 'Gahungu',
  'Nindorera', 'Bankuwiha', 'Nduwayo', 'Nzisabira', 'Ndagijimana', 'Hakizumwami', 'Nkunzimana', 'Ndizeye', 'Niyuhire', 'Nyabenda',
  'Sinzobakwira', 'Bigirindavyi', 'Ntibazonkiza', 'Ndabaneze', 'Nsavyimana', 'Misago', 'Karikurubu', 'Nizigama', 'Nahayo', 'Ruberintwari',
  'Ndagijima', 'Nyiribakwe', 'Nshimirimana', 'Bitariho', 'Nsengimana', 'Niyonsaba', 'Iteriteka', 'Kamikazi', 'Inarukundo', 'Ahishakiye',
  'Irankunda', 'Mukeshimana', 'Nzobonimpa', 'Hatangimana', 'Nizigiyimana', 'Mpawenimana', 'Ndayikeza', 'Barakamfitiye', 'Ndayisaba', 'Ntakarutimana',
  'Hicuburundi', 'Nimpagaritse', 'Sinarinzi', 'Gakobwa', 'Nibitanga', 'Bamboneyeho', 'Habimana', 'Ngabirano', 'Nsabiyumva', 'Havugimana',
  'Ninteretse', 'Ntawukizwanimana', 'Kubwimana', 'Nduwarugira', 'Niragira', 'Ndikuriyo', 'Nkeshimana', 'Sibomana', 'Ntahombaye', 'Nzigamasabo',
] as const;

export const MALE_NAMES = [
  'Jean', 'Jean-Claude', 'Jean-Marie', 'Pierre', 'Paul', 'Emmanuel', 'Éric', 'Pascal', 'Olivier', 'Fabrice', 'Désiré', 'Évariste',
  'Léonidas', 'Gérard', 'Frédéric', 'Jérôme', 'Thierry', 'Innocent', 'Célestin', 'Déogratias', 'Fidèle', 'Joseph', 'Léonard', 'Zacharie',
  'Audace', 'Prosper', 'Gédéon', 'Aimé', 'Bosco', 'Cyprien', 'Hervé', 'Ildephonse', 'Josué', 'Melchior', 'Nestor', 'Onésime', 'Révérien',
  'Salvator', 'Sylvestre', 'Térence', 'Vénérand', 'Égide', 'Anselme', 'Barthélemy', 'Claver', 'Dieudonné', 'Elysée', 'Festus', 'Gaspard', 'Hilaire',
] as const;

export const FEMALE_NAMES = [
  'Marie', 'Josiane', 'Aline', 'Divine', 'Annick', 'Chantal', 'Hélène', 'Thérèse', 'Béatrice', 'Élise', 'Cécile', 'Médiatrice',
  'Spès', 'Anésie', 'Régine', 'Bénigne', 'Généreuse', 'Jeanne', 'Claudine', 'Espérance', 'Goreth', 'Immaculée', 'Joséphine', 'Léocadie',
  'Nadège', 'Odette', 'Pélagie', 'Rose', 'Sandrine', 'Victoire', 'Agnès', 'Bernadette', 'Christine', 'Déborah', 'Émérence', 'Félicité',
  'Gloriose', 'Jacqueline', 'Laurence', 'Mélanie', 'Noëlla', 'Perpétue', 'Renilde', 'Séraphine', 'Scholastique', 'Francine', 'Judith', 'Liliane',
] as const;

const SYLLABLES = ['ru', 'ka', 'ga', 'bu', 'mu', 'ki', 'nya', 'ma', 'ngo', 'ri', 'se', 'to', 'ba', 'ti', 'go', 'zi', 'na', 'be', 'ha', 'ye', 'mbo', 'nda', 'gi', 'tsi'];

/** A Kirundi-sounding place name of 3–4 syllables ("Rugazi", "Kibuye"…), for synthetic locations. */
export function placeName(next: () => number): string {
  const count = 3 + Math.floor(next() * 2);
  let name = '';
  for (let i = 0; i < count; i += 1) name += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
  return name.charAt(0).toUpperCase() + name.slice(1);
}
