/** Which office screens each role reaches from the main menu (the server enforces the same rules). */
export const HQ_NAV: { path: string; key: string; roles: readonly string[] }[] = [
  { path: '/hq/registry', key: 'hq.nav.registry', roles: ['hq', 'supervisor'] },
  { path: '/hq/grievances', key: 'hq.nav.grievances', roles: ['hq', 'grievance_officer'] },
  { path: '/hq/dashboards', key: 'hq.nav.dashboards', roles: ['hq', 'supervisor'] },
  { path: '/hq/exports', key: 'hq.nav.exports', roles: ['hq', 'supervisor', 'grievance_officer'] },
  { path: '/hq/targets', key: 'hq.nav.targets', roles: ['admin', 'hq'] },
];

export const hqLinks = (role: string | undefined) => HQ_NAV.filter((n) => role !== undefined && n.roles.includes(role));
