/**
 * Records in the shape KoboToolbox's API v2 serves them (kobo-mis-contract.md; Kobo's own keys as in kpi's
 * submission fixtures, jsapp/js/components/submissions/submissionUtils.mocks.ts of kobotoolbox/kpi): flat
 * `group/question` keys, text values, repeats as arrays of full-path-keyed objects, select_multiple
 * space-separated, for the six assets the MIS reads. Deterministic for a seed.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

export type KoboRecord = Record<string, unknown>;

/** A small deterministic generator (mulberry32). */
export function rng(seed: number) {
  let a = seed >>> 0;
  let koboId = 41_000_000 + seed * 10_000;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
    /** Kobo's `_id`s grow with gaps. */
    koboId: () => (koboId += 1 + Math.floor(next() * 9)),
  };
}
type Rng = ReturnType<typeof rng>;

/** The Kobo codes of the sample hierarchy's collines (server/src/seed/sample-locations.csv). */
export const KOBO_COLLINES = ['301101', '301102', '301203', '301204', '302101', '302102', '501101', '502204'];

/** Kobo's own keys of a record (kpi's DataResponse), with Kobo-style times. */
export function koboMeta(r: Rng, day: string, over: KoboRecord = {}): KoboRecord {
  const uuid = randomUUID();
  return {
    _id: r.koboId(),
    'formhub/uuid': '57e6fd0b4065443280c9641be5670e89',
    start: `${day}T08:${String(r.int(10, 59))}:31.421+02:00`,
    end: `${day}T09:${String(r.int(10, 59))}:41.006+02:00`,
    __version__: 'vHNo5vFh3KoB7LWhucUkFy',
    'meta/instanceID': `uuid:${uuid}`,
    'meta/rootUuid': `uuid:${uuid}`,
    _xform_id_string: 'asset',
    _uuid: uuid,
    _attachments: [],
    _status: 'submitted_via_web',
    _geolocation: [null, null],
    _submission_time: `${day}T07:${String(r.int(10, 59))}:47`,
    _tags: [],
    _notes: [],
    _validation_status: {},
    _submitted_by: r.pick(['agent_gitega_01', 'agent_gitega_02', null]),
    ...over,
  };
}

const day = (r: Rng) => `2025-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
const count = (r: Rng, max = 60) => String(r.int(0, max));

const SENSITIVE = [
  'eas_hs__exploitation__abus_sexuel___harc',
  'conflit_familial',
  'pr_l_vements_de_fonds',
  'd_tournement_de_fonds___corruption',
  'accident_grave_ou_n_gligence_professionn',
];
const SPECIAL = ['erreur_d_inclusion_potentielle', 'cibl__mais_pas_collect', 'cibl__et_collect', 'migration'];
const NON_SENSITIVE = [
  'probl_me_de_paiement__non_r_ception__mon',
  'carte_sim__bloqu_e__vol_e__perdue__etc',
  'probl_mes_de_t_l_phone__vol__endommag__n',
  'incoh_rence_des_donn_es_personnelles__nu',
  'probl_mes_de_compte_mobile_money__ecocas',
  'autre',
];
const CHANNELS = ['telephone', 'sms', 'en_personne', 'lettre', 'ligne_verte', 'boite_a_suggestions'];

function someOf(r: Rng, items: readonly string[] | undefined, max: number): string {
  if (!items) return '';
  const chosen = new Set<string>();
  const n = r.int(1, max);
  while (chosen.size < n) chosen.add(r.pick(items));
  return [...chosen].join(' ');
}

/** Grievance, 2025 form (atpoVbHXZCdLD9ETHTv6z4). */
export function grievance2025(r: Rng): KoboRecord {
  const date = day(r);
  const caseType = r.pick([
    'cas_de_r_clamation',
    'cas_de_r_clamation',
    'cas_de_r_clamation',
    'cas_de_remplacement',
    'cas_de_suppression__retrait_du_programme',
  ]);
  const anonymous = r.chance(0.2) ? 'oui' : 'non';
  const resolved = r.pick(['oui', 'non']);
  const kind = r.pick(['cas_sensibles', 'cas_sp_ciaux', 'cas_non_sensibles']);
  const record: KoboRecord = {
    ...koboMeta(r, date),
    'group_jl6wb36/Quel_est_le_type_de_cas_que_vo': caseType,
    'group_jv1rf66/_1_tes_vous_b_n_ficiaire_du_p': r.pick(['oui', 'non']),
    'group_jv1rf66/_4_Voulez_vous_rester_anonyme_': anonymous,
    ...(anonymous === 'non'
      ? {
          'group_jv1rf66/_3_Le_plaignant_appa_le_autochtone_Batwa_': r.pick(['oui', 'non']),
          'group_jv1rf66/_5_Nom_et_Pr_nom_de_personne_plaignante_': r.pick([
            'Ndayishimiye Claude',
            'Irakoze Aline',
            'Niyonzima Jean',
          ]),
          'group_jv1rf66/_6_Sexe_du_plaignant_': r.pick(['masculin', 'feminin']),
          'group_jv1rf66/_7_Ann_e_de_naissance_': String(r.int(1950, 2004)),
          'group_jv1rf66/_8_T_l_phone': `79${r.int(100000, 999999)}`,
          'group_jv1rf66/_9_Num_ro_CNI_': `${r.int(100, 999)}/${r.int(10000, 99999)}`,
        }
      : {}),
    'group_mg1dn99/Colline': r.pick(KOBO_COLLINES),
    'group_mg1dn99/Milieu_de_r_sidence': r.pick(['rural', 'urbain']),
    'group_mg1dn99/Coordonn_es_GPRS_': `-3.${r.int(100, 999)} 29.${r.int(100, 999)} 1650 5`,
    'group_nn77z12/Br_ve_description_de_la_plaint': r.pick([
      'Paiement du mois non reçu',
      'Téléphone volé au marché',
      'Ménage oublié au ciblage',
    ]),
    'group_gm7ai04/Par_quel_s_canal_au_l_soumis_sa_plainte_': someOf(r, CHANNELS, 2),
    'group_qw2bg35/Nom_et_Pr_nom_de_la_ecueilli_la_plainte_': 'Hakizimana Pierre',
    'group_qw2bg35/Fonction_': 'Agent communautaire',
    'group_qw2bg35/Num_ro_de_t_l_phone_': '79555111',
    Date_de_collecte: date,
    'group_mb37s20/Est_ce_que_cette_plainte_a_d_j': resolved,
    ...(resolved === 'non' && r.chance(0.5)
      ? { 'group_mb37s20/Si_non_r_solue_quel_st_le_statut_actuel_': 'en_cours_de_traitement_interne' }
      : {}),
    Signature_de_l_agent_re_votre_nom_complet: `signature-${r.int(1, 999)}.png`,
  };
  if (caseType === 'cas_de_r_clamation') {
    record['group_mk9yc92/group_wl7av77/Quel_type_de_r_clamation_souha'] = kind;
    const key = {
      cas_sensibles: 'Si_cas_sensibles_pr_cisez_',
      cas_sp_ciaux: 'Si_cas_sp_ciaux_pr_cisez_',
      cas_non_sensibles: 'Si_cas_non_sensibles_pr_cisez_',
    }[kind];
    const list = { cas_sensibles: SENSITIVE, cas_sp_ciaux: SPECIAL, cas_non_sensibles: NON_SENSITIVE }[kind];
    record[`group_mk9yc92/group_wl7av77/${key}`] = someOf(r, list, 3);
    if (record['group_mk9yc92/group_wl7av77/Si_cas_sp_ciaux_pr_cisez_']?.toString().includes('migration')) {
      record['group_co1to01/Province_002'] = 'gitega';
      record['group_co1to01/Commune_10'] = 'gitega';
      record['group_co1to01/Colline_Quartier_Migrant'] = 'Mubuga';
    }
  } else if (caseType === 'cas_de_remplacement') {
    record['group_mk9yc92/group_ib7ws94/Pr_cisez_le_motif_du_remplacem'] = 'deces';
    record['group_qj06k38/Social_ID_du_b_n_ficiaire_remplac'] = `SID-${r.int(10000, 99999)}`;
    record['group_qj06k38/Quelles_sont_les_diff_rentes_r'] = 'conjoint';
    record['group_qj06k38/Nom_du_nouveau_percepteur'] = 'Ndikumana';
  } else record['group_mk9yc92/group_xi58w45/Pr_cisez_le_motif_de_suppression_'] = 'demenagement';
  return record;
}

/** Grievance, earlier form (aeAgbxjy7d6rD8jtUdMD9Z): historical records. */
export function grievanceEarlier(r: Rng): KoboRecord {
  const date = day(r);
  const group = r.pick(['sensibles', 'speciales', 'non_sensibles'] as const);
  const category = {
    sensibles: r.pick(['violence_vbg', 'corruption']),
    speciales: r.pick(['erreur_exclusion', 'erreur_inclusion']),
    non_sensibles: r.pick(['paiement', 'telephone', 'compte', 'information', 'autre']),
  }[group];
  return {
    ...koboMeta(r, date),
    id_plainte: `PL-${r.int(1000, 9999)}`,
    description_plainte: 'Plainte enregistrée sur la colline',
    code_date: date.replace(/-/g, ''),
    canaux: r.pick(CHANNELS),
    est_beneficiaire: r.pick(['oui', 'non']),
    est_autochtone_batwa: 'non',
    est_anonyme: 'non',
    nom_plaignant: 'Nshimirimana Eric',
    tel_plaignant: '79111222',
    genre_plaignant: r.pick(['masculin', 'feminin']),
    projet_plainte: 'oui',
    nom_recepteur: 'Bizimana',
    fonction_recepteur: 'ACT',
    plainte_resolue: r.pick(['oui', 'non']),
    'group_im0ri26/colline': r.pick(KOBO_COLLINES),
    'group_im0ri26/zone': String(r.int(1, 9)),
    'group_im0ri26/Localisation': `-3.${r.int(100, 999)} 29.${r.int(100, 999)} 0 0`,
    [`group_categorie/categories_${group}`]: category,
    ...(category === 'paiement' ? { 'groupe_paiements/categorie_paiements': 'paiement_en_retard' } : {}),
  };
}

/** Sensitisation / training (a77BL33LXCfAVovg4seMbH). */
export function training(r: Rng): KoboRecord {
  const date = day(r);
  const theme = r.pick(['module_mip__mesures_d_inclusio', 'module_mach__mesures_d_accompa']);
  return {
    ...koboMeta(r, date),
    Date_de_la_sensibilisation_Formation: date,
    'group_ln06g44/Colline': r.pick(KOBO_COLLINES),
    Th_me: theme,
    ...(theme.startsWith('module_mip') ? { Module_MIP: 'epargne_et_credit' } : { Module_MACH: 'nutrition hygiene' }),
    Animateur_: r.pick(['Niyonkuru', 'Havyarimana']),
    'group_zp4mt03/Nombre_dhommes': count(r),
    'group_zp4mt03/Nombre_de_femmes': count(r),
    'group_zp4mt03/Nombre_de_Batwa': count(r, 5),
    ...(r.chance(0.5) ? { Observation: 'Bonne participation' } : {}),
  };
}

/** Behaviour-change promotion (aMzfPosq2VNg3fHdpBJ3jU). */
export function behaviourChange(r: Rng): KoboRecord {
  const date = day(r);
  return {
    ...koboMeta(r, date),
    Date: date,
    'group_ln06g44/Colline': r.pick(KOBO_COLLINES),
    'group_gy7sg68/Homme': count(r),
    'group_gy7sg68/Femme': count(r),
    'group_gy7sg68/Twa': count(r, 5),
    ...(r.chance(0.3) ? { 'group_hw5bi20/Homme_001': count(r, 10), 'group_hw5bi20/Femme_001': count(r, 10) } : {}),
    Commentaires: 'RAS',
  };
}

/** Micro-projects (aGMbKXkL2XUhtUAmEf95es), with other types as Kobo's repeat. */
export function microProjects(r: Rng): KoboRecord {
  const date = day(r);
  const others = r.int(0, 2);
  return {
    ...koboMeta(r, date),
    Date: date,
    'group_ln06g44/Colline': r.pick(KOBO_COLLINES),
    'group_bh77o90/Homme': count(r),
    'group_bh77o90/Femme': count(r),
    'group_bh77o90/Twa': count(r, 5),
    'group_fb09e52/Agriculture': count(r, 20),
    'group_fb09e52/Elevage': count(r, 20),
    'group_fb09e52/Ch_vres': count(r, 20),
    'group_fb09e52/Porcins': count(r, 20),
    'group_fb09e52/Lapins': count(r, 20),
    'group_fb09e52/Volailles': count(r, 20),
    'group_fb09e52/Bovins': count(r, 20),
    'group_fb09e52/Commerce_et_services': count(r, 20),
    ...(others > 0
      ? {
          'group_fb09e52/group_mu7lt44': Array.from({ length: others }, (_, i) => ({
            'group_fb09e52/group_mu7lt44/Autre_pr_ciser': i === 0 ? 'Apiculture' : 'Couture',
            'group_fb09e52/group_mu7lt44/Effectif': count(r, 9),
          })),
        }
      : {}),
  };
}

/** Cash transfers (ayK8Y5yP3MPTYQ3cPcpj9N). */
export function cashTransfers(r: Rng): KoboRecord {
  const date = day(r);
  return {
    ...koboMeta(r, date),
    Date_des_transferts: date,
    'group_ln06g44/Colline': r.pick(KOBO_COLLINES),
    'group_tr1pf23/group_gl1wf27/Femme': count(r, 200),
    'group_tr1pf23/group_gl1wf27/Homme': count(r, 200),
    'group_tr1pf23/group_gl1wf27/Twa': count(r, 10),
    'group_tr1pf23/group_ee8rm46/Femme_001': count(r, 200),
    'group_tr1pf23/group_ee8rm46/Homme_001': count(r, 200),
    'group_tr1pf23/group_ee8rm46/Twa_001': count(r, 10),
    Nom_de_l_agence_de_paiement: r.pick(['Lumicash', 'IBB', 'FINBANK', 'BANCOBU']),
    ...(r.chance(0.25) ? { Nom_du_camp_r_fugi_s: 'Kavumu' } : {}),
  };
}

export const GENERATORS = {
  atpoVbHXZCdLD9ETHTv6z4: grievance2025,
  aeAgbxjy7d6rD8jtUdMD9Z: grievanceEarlier,
  a77BL33LXCfAVovg4seMbH: training,
  aMzfPosq2VNg3fHdpBJ3jU: behaviourChange,
  aGMbKXkL2XUhtUAmEf95es: microProjects,
  ayK8Y5yP3MPTYQ3cPcpj9N: cashTransfers,
} as const;

/** A Kobo edit of a record: new `_uuid`/instanceID, the root kept, the edited version deprecated (same `_id`). */
export function edited(record: KoboRecord, changes: KoboRecord): KoboRecord {
  const uuid = randomUUID();
  return {
    ...record,
    ...changes,
    _uuid: uuid,
    'meta/instanceID': `uuid:${uuid}`,
    'meta/deprecatedID': record['meta/instanceID'],
    'meta/rootUuid': record['meta/rootUuid'],
  };
}

/**
 * Gives a record a file answer as Kobo does: the question's answer is the file's base name and `_attachments` lists
 * the file under kobocat's storage path, `<user>/attachments/<formhub uuid>/<instance uuid>/<name>` (the path the
 * file also has in Kobo's media ZIP). Returns that path.
 */
export function attachFile(record: KoboRecord, question: string, name: string, mimetype = 'image/jpeg'): string {
  const filename = `${String(record['_submitted_by'] ?? 'kobo_user')}/attachments/${String(record['formhub/uuid'])}/${String(record['_uuid'])}/${name}`;
  record[question] = name;
  const list = Array.isArray(record['_attachments']) ? (record['_attachments'] as unknown[]) : [];
  record['_attachments'] = [
    ...list,
    { filename, mimetype, question_xpath: question, media_file_basename: name, is_deleted: false },
  ];
  return filename;
}

/** Kobo's media download: the files under their `_attachments` paths, stored as they are (JPEG does not shrink). */
export async function writeKoboMediaZip(file: string, files: Iterable<[string, Buffer]>): Promise<void> {
  const zip = new ZipFile();
  const written = pipeline(zip.outputStream, createWriteStream(file));
  for (const [path, bytes] of files) zip.addBuffer(bytes, path, { compress: false });
  zip.end();
  await written;
}
