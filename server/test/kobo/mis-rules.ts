/**
 * The MIS's side of the contract (shared/kobo-mis-contract.md), replayed: how the programme's CORE-MIS
 * (openIMIS, kobo_etl and the Merankabandi converters) turns each Kobo record into a ticket or an M&E record.
 * Written from the contract and a reading of those converters, rule by rule, to compare what the MIS gets from
 * Kusanya with what it got from Kobo. Where the MIS would raise (e.g. `int("3.0")`), so does this.
 */

export type KoboRecord = Record<string, unknown>;
/** openIMIS locations by their 6-digit code (the MIS's `Location.objects.filter(code=…, type='V')`). */
export type MisLocations = ReadonlyMap<string, { code: string; name: string }>;

/** Python's int() of a Kobo value: an integer or an integer string; anything else raises. */
export function pyInt(value: unknown, fallback = 0): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
  throw new Error(`int() of ${JSON.stringify(value)}`);
}

/** `datetime.fromisoformat(x).date()` for the dates the forms hold; null when absent. */
function isoDate(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(value);
  if (!m) throw new Error(`fromisoformat(${value})`);
  return m[1]!;
}

/** Colline: zfill(7), then the zone digit dropped: Kobo's PPCCZCC → openIMIS's PPCCCC. */
export function misColline(value: unknown): string {
  const padded = String(value).trim().padStart(7, '0');
  return padded.slice(0, 4) + padded.slice(5);
}

const lookup = (locations: MisLocations, value: unknown) => locations.get(misColline(value))?.code ?? null;

// The category resolver (merankabandi/converters/category_resolver.py), rule by rule.
const RESTRICTIVENESS: Record<string, number> = {
  violence_vbg: 1,
  corruption: 2,
  accident_negligence: 3,
  discrimination_ethnie_religion: 4,
  maladie_mentale: 5,
  erreur_exclusion: 6,
  erreur_inclusion: 7,
  paiement: 8,
  telephone: 9,
  compte: 10,
  information: 11,
  uncategorized: 99,
};
const NEW_FORM_SLUGS: Record<string, string> = {
  eas_hs__exploitation__abus_sexuel___harc: 'violence_vbg',
  pr_l_vements_de_fonds: 'corruption',
  d_tournement_de_fonds___corruption: 'corruption',
  conflit_familial: 'violence_vbg',
  accident_grave_ou_n_gligence_professionn: 'accident_negligence',
  erreur_d_inclusion_potentielle: 'erreur_inclusion',
  cibl__mais_pas_collect: 'erreur_exclusion',
  cibl__et_collect: 'erreur_exclusion',
  migration: 'erreur_exclusion',
  probl_me_de_paiement__non_r_ception__mon: 'paiement',
  carte_sim__bloqu_e__vol_e__perdue__etc: 'telephone',
  probl_mes_de_t_l_phone__vol__endommag__n: 'telephone',
  incoh_rence_des_donn_es_personnelles__nu: 'information',
  probl_mes_de_compte_mobile_money__ecocas: 'compte',
};
const SUB_CATEGORIES: Record<string, string> = {
  viol: 'violence_vbg',
  mariage_force_precoce: 'violence_vbg',
  violence_abus: 'violence_vbg',
  sante_maternelle: 'violence_vbg',
  demande_insertion: 'erreur_exclusion',
  probleme_identification: 'erreur_exclusion',
  paiement_pas_recu: 'paiement',
  paiement_en_retard: 'paiement',
  paiement_incomplet: 'paiement',
  vole: 'paiement',
  perdu: 'telephone',
  pas_de_reseau: 'telephone',
  allume_pas_batterie: 'telephone',
  recoit_pas_tm: 'telephone',
  mot_de_passe_oublie: 'telephone',
  non_active: 'compte',
  bloque: 'compte',
};

function resolveValue(value: string): string | null {
  if (value in RESTRICTIVENESS) return value;
  return (
    NEW_FORM_SLUGS[value] ?? SUB_CATEGORIES[value] ?? (value === 'autre' || value === 'autre_' ? 'uncategorized' : null)
  );
}

export function resolveCategories(raw: unknown[]): { main: string; additional: string[] | null } {
  const resolved: string[] = [];
  for (const value of raw) {
    if (!value) continue;
    for (const part of String(value).split(/\s+/).filter(Boolean)) {
      const mapped = resolveValue(part);
      if (mapped && !resolved.includes(mapped)) resolved.push(mapped);
    }
  }
  if (resolved.length === 0) return { main: 'uncategorized', additional: null };
  const main = resolved.reduce((a, b) => (RESTRICTIVENESS[b]! < RESTRICTIVENESS[a]! ? b : a));
  const others = resolved.filter((c) => c !== main);
  return { main, additional: others.length > 0 ? others : null };
}

export function flagsOf(category: string): string | null {
  if (
    ['violence_vbg', 'corruption', 'accident_negligence', 'discrimination_ethnie_religion', 'maladie_mentale'].includes(
      category,
    )
  )
    return 'SENSITIVE';
  if (['erreur_exclusion', 'erreur_inclusion'].includes(category)) return 'SPECIAL';
  return null;
}

const get = (r: KoboRecord, key: string) => (r[key] === undefined || r[key] === null ? null : r[key]);
const splitSpace = (v: unknown) => (v ? String(v).split(' ') : []);

/** Grievance, 2025 form (atpoVbHXZCdLD9ETHTv6z4): GrievanceConverterV2.to_ticket, without the DB writes. */
export function grievance2025(r: KoboRecord, locations: MisLocations) {
  const caseType = get(r, 'group_jl6wb36/Quel_est_le_type_de_cas_que_vo');
  const sensitive = get(r, 'group_mk9yc92/group_wl7av77/Si_cas_sensibles_pr_cisez_');
  const special = get(r, 'group_mk9yc92/group_wl7av77/Si_cas_sp_ciaux_pr_cisez_');
  const nonSensitive = get(r, 'group_mk9yc92/group_wl7av77/Si_cas_non_sensibles_pr_cisez_');
  let category = 'uncategorized';
  let additional: string[] | null = null;
  let flags: string | null = null;
  if (caseType !== 'cas_de_remplacement' && caseType !== 'cas_de_suppression__retrait_du_programme') {
    const resolved = resolveCategories([sensitive, special, nonSensitive].filter(Boolean));
    category = resolved.main;
    additional = resolved.additional;
    flags = flagsOf(category);
  }
  const kobColline = get(r, 'group_mg1dn99/Colline');
  const colline = kobColline ? locations.get(misColline(kobColline)) : undefined;
  const collectionDate = (get(r, 'Date_de_collecte') as string | null) ?? '';
  const resolved = get(r, 'group_mb37s20/Est_ce_que_cette_plainte_a_d_j');
  const subStatus = get(r, 'group_mb37s20/Si_non_r_solue_quel_st_le_statut_actuel_');
  const channels = splitSpace(get(r, 'group_gm7ai04/Par_quel_s_canal_au_l_soumis_sa_plainte_'));
  const specialList = special ? String(special).split(' ') : [];
  return {
    id: r['_uuid'],
    title: `${colline?.name ?? kobColline ?? ''}-${collectionDate}`,
    description: get(r, 'group_nn77z12/Br_ve_description_de_la_plaint'),
    status: resolved === 'oui' ? 'RESOLVED' : subStatus === 'en_cours_de_traitement_interne' ? 'IN_PROGRESS' : 'OPEN',
    category,
    flags,
    channel: channels.join(' '),
    date_of_incident: collectionDate ? isoDate(collectionDate) : null,
    json_ext: {
      case_type: caseType,
      reporter: {
        is_beneficiary: get(r, 'group_jv1rf66/_1_tes_vous_b_n_ficiaire_du_p'),
        beneficiary_type: get(r, 'group_jv1rf66/_2_Si_oui_quel_est_ype_de_b_n_ficiaire_'),
        is_batwa: get(r, 'group_jv1rf66/_3_Le_plaignant_appa_le_autochtone_Batwa_'),
        is_anonymous: get(r, 'group_jv1rf66/_4_Voulez_vous_rester_anonyme_'),
        name: get(r, 'group_jv1rf66/_5_Nom_et_Pr_nom_de_personne_plaignante_'),
        gender: get(r, 'group_jv1rf66/_6_Sexe_du_plaignant_'),
        birth_year: get(r, 'group_jv1rf66/_7_Ann_e_de_naissance_'),
        phone: get(r, 'group_jv1rf66/_8_T_l_phone'),
        cni_number: get(r, 'group_jv1rf66/_9_Num_ro_CNI_'),
      },
      location: {
        colline_code: colline?.code ?? '',
        milieu_residence: get(r, 'group_mg1dn99/Milieu_de_r_sidence'),
        gps: get(r, 'group_mg1dn99/Coordonn_es_GPRS_'),
      },
      categorization: {
        reclamation_type: get(r, 'group_mk9yc92/group_wl7av77/Quel_type_de_r_clamation_souha'),
        sensitive_categories: sensitive ? String(sensitive).split(' ') : [],
        special_categories: specialList,
        non_sensitive_categories: nonSensitive ? String(nonSensitive).split(' ') : [],
      },
      submission: {
        channels,
        collector_name: get(r, 'group_qw2bg35/Nom_et_Pr_nom_de_la_ecueilli_la_plainte_'),
        collector_function: get(r, 'group_qw2bg35/Fonction_'),
        collector_phone: get(r, 'group_qw2bg35/Num_ro_de_t_l_phone_'),
        collection_date: get(r, 'Date_de_collecte'),
        signature: get(r, 'Signature_de_l_agent_re_votre_nom_complet'),
      },
      resolution_initial: { is_resolved: resolved, current_status: subStatus },
      ...(caseType === 'cas_de_remplacement'
        ? {
            replacement: {
              motif: get(r, 'group_mk9yc92/group_ib7ws94/Pr_cisez_le_motif_du_remplacem'),
              relationship: get(r, 'group_qj06k38/Quelles_sont_les_diff_rentes_r'),
              replaced_social_id: get(r, 'group_qj06k38/Social_ID_du_b_n_ficiaire_remplac'),
              new_recipient_name: get(r, 'group_qj06k38/Nom_du_nouveau_percepteur'),
            },
          }
        : {}),
      ...(caseType === 'cas_de_suppression__retrait_du_programme'
        ? { suppression: { motif: get(r, 'group_mk9yc92/group_xi58w45/Pr_cisez_le_motif_de_suppression_') } }
        : {}),
      ...(specialList.includes('migration')
        ? {
            migration: {
              province: get(r, 'group_co1to01/Province_002'),
              commune: get(r, 'group_co1to01/Commune_10'),
              colline: get(r, 'group_co1to01/Colline_Quartier_Migrant'),
            },
          }
        : {}),
      ...(additional ? { additional_categories: additional } : {}),
    },
  };
}

/** Grievance, earlier form (aeAgbxjy7d6rD8jtUdMD9Z): GrievanceConverter.to_data_element_obj. */
export function grievanceEarlier(r: KoboRecord, locations: MisLocations) {
  const raw = [
    get(r, 'group_categorie/categories_sensibles'),
    get(r, 'group_categorie/categories_speciales'),
    get(r, 'group_categorie/categories_non_sensibles'),
  ].filter(Boolean);
  const { main, additional } = resolveCategories(raw);
  const channel = get(r, 'canaux');
  const colline = get(r, 'group_im0ri26/colline');
  let collineCode = '';
  if (colline && /^\d+$/.test(String(colline).trim()))
    collineCode = lookup(locations, colline) ?? locations.get(String(colline).trim())?.code ?? '';
  const codeDate = get(r, 'code_date') ?? '';
  const zone = get(r, 'group_im0ri26/zone') ?? '';
  return {
    id: r['_uuid'],
    title: get(r, 'id_plainte'),
    description: get(r, 'description_plainte'),
    code: codeDate && zone ? `${String(codeDate)}${String(zone)}` : null,
    category: main,
    flags: flagsOf(main),
    channel,
    status: get(r, 'plainte_resolue') === 'non' ? 'OPEN' : 'RESOLVED',
    date_of_incident: isoDate(get(r, 'start')),
    reporter: {
      is_beneficiary: get(r, 'est_beneficiaire'),
      beneficiary_type: get(r, 'type_beneficiaire'),
      is_batwa: get(r, 'est_autochtone_batwa'),
      is_anonymous: get(r, 'est_anonyme'),
      name: get(r, 'nom_plaignant'),
      phone: get(r, 'tel_plaignant'),
      cni_number: get(r, 'numero_cni'),
      gender: get(r, 'genre_plaignant'),
    },
    colline_code: collineCode,
    gps: get(r, 'group_im0ri26/Localisation'),
    receiver: [get(r, 'nom_recepteur'), get(r, 'fonction_recepteur'), get(r, 'tel_recepteur')],
    resolution: [get(r, 'traiteur_plainte'), get(r, 'Quelle_est_sa_fonction'), get(r, 'details_resolution')],
    payment_type:
      get(r, 'group_categorie/categories_non_sensibles') === 'paiement'
        ? get(r, 'groupe_paiements/categorie_paiements')
        : null,
    ...(additional ? { additional_categories: additional } : {}),
  };
}

const kobId = (r: KoboRecord) => r['_submission_id'] ?? r['_id'];

/** Sensitisation / training (a77BL33LXCfAVovg4seMbH): SensitizationTraining.to_data_element_obj. */
export function training(r: KoboRecord, locations: MisLocations) {
  let modules: unknown[] = [];
  if (typeof r['Module_MIP'] === 'string' && r['Module_MIP']) modules = [r['Module_MIP']];
  if (typeof r['Module_MACH'] === 'string' && r['Module_MACH']) modules = [r['Module_MACH']];
  return {
    id: r['_uuid'],
    sensitization_date: isoDate(r['Date_de_la_sensibilisation_Formation'] || r['start']),
    location: lookup(locations, r['group_ln06g44/Colline']),
    category: get(r, 'Th_me'),
    modules,
    facilitator: get(r, 'Animateur_'),
    male_participants: pyInt(r['group_zp4mt03/Nombre_dhommes']),
    female_participants: pyInt(r['group_zp4mt03/Nombre_de_femmes']),
    twa_participants: pyInt(r['group_zp4mt03/Nombre_de_Batwa']),
    observations: get(r, 'Observation'),
    kobo_submission_id: kobId(r),
  };
}

/** Behaviour-change promotion (aMzfPosq2VNg3fHdpBJ3jU): BehaviorChangePromotion.to_data_element_obj. */
export function behaviourChange(r: KoboRecord, locations: MisLocations) {
  let male = 0;
  let female = 0;
  let twa = 0;
  if (pyInt(r['group_gy7sg68/Homme']) > 0) {
    male = pyInt(r['group_gy7sg68/Homme']);
    female = pyInt(r['group_gy7sg68/Femme']);
    twa = pyInt(r['group_gy7sg68/Twa']);
  }
  if (pyInt(r['group_hw5bi20/Femme_001']) > 0) {
    female = pyInt(r['group_hw5bi20/Femme_001']);
    male = pyInt(r['group_hw5bi20/Homme_001']);
  }
  return {
    id: r['_uuid'],
    report_date: isoDate(r['Date'] || r['start']),
    location: lookup(locations, r['group_ln06g44/Colline']),
    male_participants: male,
    female_participants: female,
    twa_participants: twa,
    comments: get(r, 'Commentaires'),
    kobo_submission_id: kobId(r),
  };
}

/** Micro-projects (aGMbKXkL2XUhtUAmEf95es): MicroProject.to_data_element_obj. */
export function microProjects(r: KoboRecord, locations: MisLocations) {
  let male = 0;
  let female = 0;
  let twa = 0;
  if (pyInt(r['group_bh77o90/Homme']) > 0) {
    male = pyInt(r['group_bh77o90/Homme']);
    female = pyInt(r['group_bh77o90/Femme']);
    twa = pyInt(r['group_bh77o90/Twa']);
  }
  const others = r['group_fb09e52/group_mu7lt44'];
  return {
    id: r['_uuid'],
    report_date: isoDate(r['Date'] || r['start']),
    location: lookup(locations, r['group_ln06g44/Colline']),
    male_participants: male,
    female_participants: female,
    twa_participants: twa,
    agriculture: pyInt(r['group_fb09e52/Agriculture']),
    livestock: pyInt(r['group_fb09e52/Elevage']),
    goats: pyInt(r['group_fb09e52/Ch_vres']),
    pigs: pyInt(r['group_fb09e52/Porcins']),
    rabbits: pyInt(r['group_fb09e52/Lapins']),
    poultry: pyInt(r['group_fb09e52/Volailles']),
    cattle: pyInt(r['group_fb09e52/Bovins']),
    commerce_services: pyInt(r['group_fb09e52/Commerce_et_services']),
    // The MIS reads each entry's short keys; Kobo (and Kusanya) key repeat entries by their full path, so the
    // MIS finds none today. Replayed as written.
    other_types: Array.isArray(others)
      ? (others as KoboRecord[])
          .filter((p) => p['Autre_pr_ciser'])
          .map((p) => ({ name: p['Autre_pr_ciser'], count: pyInt(p['Effectif']) }))
      : [],
    kobo_submission_id: kobId(r),
  };
}

/** Cash transfers (ayK8Y5yP3MPTYQ3cPcpj9N): MonetaryTransfer.to_data_element_obj. */
export function cashTransfers(r: KoboRecord, locations: MisLocations) {
  return {
    id: r['_uuid'],
    transfer_date: isoDate(r['Date_des_transferts'] || r['start']),
    location: lookup(locations, r['group_ln06g44/Colline']),
    payment_agency: get(r, 'Nom_de_l_agence_de_paiement'),
    programme: r['Nom_du_camp_r_fugi_s'] ? '1.1' : '1.2',
    planned_women: pyInt(r['group_tr1pf23/group_gl1wf27/Femme']),
    planned_men: pyInt(r['group_tr1pf23/group_gl1wf27/Homme']),
    planned_twa: pyInt(r['group_tr1pf23/group_gl1wf27/Twa']),
    paid_women: pyInt(r['group_tr1pf23/group_ee8rm46/Femme_001']),
    paid_men: pyInt(r['group_tr1pf23/group_ee8rm46/Homme_001']),
    paid_twa: pyInt(r['group_tr1pf23/group_ee8rm46/Twa_001']),
  };
}

/** The six assets the MIS pulls, with its converter for each. */
export const MIS_ASSETS = {
  atpoVbHXZCdLD9ETHTv6z4: grievance2025,
  aeAgbxjy7d6rD8jtUdMD9Z: grievanceEarlier,
  a77BL33LXCfAVovg4seMbH: training,
  aMzfPosq2VNg3fHdpBJ3jU: behaviourChange,
  aGMbKXkL2XUhtUAmEf95es: microProjects,
  ayK8Y5yP3MPTYQ3cPcpj9N: cashTransfers,
} as const;
