import type { HouseholdPage, RegistrySearchResponse } from '@kusanya/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/usecases/users.js';
import { startTestServer, type TestServer } from './helpers.js';
import { hqWorld, registerHousehold, type HqWorld } from './hq-fixtures.js';

let server: TestServer;
let world: HqWorld;
let hq: string;
let thereseHousehold: { householdId: string; code: string; submissionId: string };

beforeAll(async () => {
  server = await startTestServer();
  world = await hqWorld(server);
  hq = (await server.login('hq')).token;
  thereseHousehold = await registerHousehold(world, [
    { first_name: 'Thérèse', last_name: 'Ndayishimiyé', national_id: '0123/456.789', phone: '+25779123456' },
    { first_name: 'Jérôme', last_name: 'Nkurunziza' },
  ]);
  await registerHousehold(world, [
    { first_name: 'Jean', last_name: 'Ndayizeye' },
    { first_name: 'Jeanine', last_name: 'Ndayizeye' },
  ]);
  await registerHousehold(world, [
    { first_name: 'Jeannette', last_name: 'Bizimana' },
    { first_name: 'Évariste', last_name: 'Ndayizeye' },
  ]);
});
afterAll(() => server.close());

const search = async (q: string, token = hq, extra = '') => {
  const res = await server.as(token, { method: 'GET', url: `/api/registry/search?q=${encodeURIComponent(q)}${extra}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<RegistrySearchResponse>();
};
const names = (r: RegistrySearchResponse) =>
  r.items.map((i) => (i.person ? `${i.person.firstName} ${i.person.lastName}` : `#${i.household?.code}`));

describe('registry search', () => {
  it('finds a name typed without accents or capitals, and with accents the name does not have', async () => {
    expect(names(await search('therese ndayishimiye'))).toEqual(['Thérèse Ndayishimiyé']);
    expect(names(await search('THERESE'))).toEqual(['Thérèse Ndayishimiyé']);
    expect(names(await search('Jéan Ndayizéye'))[0]).toBe('Jean Ndayizeye');
    expect(names(await search('evariste'))).toEqual(['Évariste Ndayizeye']);
  });

  it('matches French transcriptions of Kirundi names', async () => {
    expect(names(await search('Nkourounziza'))).toEqual(['Jérôme Nkurunziza']);
  });

  it('ranks the exact full name (in any order) first, then whole words, then beginnings of words', async () => {
    const result = await search('jean ndayizeye');
    expect(result.items[0]).toMatchObject({ tier: 'name', person: { firstName: 'Jean' } });
    expect((await search('NDAYIZEYE Jean')).items[0]).toMatchObject({
      tier: 'name',
      person: { firstName: 'Jean', lastName: 'Ndayizeye' },
    });
    expect(names(result)).toEqual(['Jean Ndayizeye', 'Jeanine Ndayizeye']);
    expect(result.items[1]!.tier).toBe('prefix');
    expect(names(await search('jean'))).toEqual(['Jean Ndayizeye', 'Jeanine Ndayizeye', 'Jeannette Bizimana']);
  });

  it('finds partial names and partial national IDs', async () => {
    expect(names(await search('ndayi'))).toEqual(
      expect.arrayContaining(['Thérèse Ndayishimiyé', 'Jean Ndayizeye', 'Évariste Ndayizeye']),
    );
    expect(names(await search('0123/45'))).toEqual(['Thérèse Ndayishimiyé']);
    expect(names(await search('012345'))).toEqual(['Thérèse Ndayishimiyé']);
  });

  it('puts the exact identifier first: national ID, phone, household code', async () => {
    const byId = await search('0123 456 789');
    expect(byId.items[0]).toMatchObject({ tier: 'identifier', person: { firstName: 'Thérèse' } });
    const byPhone = await search('79 12 34 56');
    expect(byPhone.items[0]).toMatchObject({ tier: 'identifier', person: { nationalId: '0123/456.789' } });
    const byCode = await search(thereseHousehold.code.toLowerCase());
    expect(byCode.items[0]).toMatchObject({
      tier: 'identifier',
      kind: 'household',
      household: { code: thereseHousehold.code, headName: 'Thérèse Ndayishimiyé', size: 2 },
    });
  });

  it('pages with a cursor and filters by location and household status', async () => {
    const first = await search('ndayizeye', hq, '&limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.total).toBe(3);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await search('ndayizeye', hq, `&limit=2&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...names(first), ...names(second)]).size).toBe(3);

    expect((await search('ndayizeye', hq, '&area=CL03010101')).items).toHaveLength(3);
    expect((await search('ndayizeye', hq, '&area=C0302')).items).toHaveLength(0);
    expect((await search('ndayizeye', hq, '&status=active')).items).toHaveLength(3);
    expect((await search('ndayizeye', hq, '&status=inactive')).items).toHaveLength(0);
  });

  it('lists the households of an area without a query', async () => {
    const res = await server.as(hq, { method: 'GET', url: '/api/registry/search?area=CL03010101' });
    const body = res.json<RegistrySearchResponse>();
    expect(body.items.every((i) => i.kind === 'household' && i.tier === 'browse')).toBe(true);
    expect(body.items.map((i) => i.household?.code)).toContain(thereseHousehold.code);
  });

  it('keeps supervisors to their area and refuses enumerators', async () => {
    const elsewhere = await createUser(server.app.ctx, {
      username: 'sup-giheta',
      password: 'kusanya-demo',
      role: 'supervisor',
      areas: ['C0302'],
    });
    const token = (await server.login(elsewhere.username)).token;
    expect((await search('ndayizeye', token)).items).toHaveLength(0);
    expect((await search('ndayizeye', world.supervisor.token)).items).toHaveLength(3);
    const page = await server.as(token, {
      method: 'GET',
      url: `/api/registry/households/${thereseHousehold.householdId}`,
    });
    expect(page.statusCode).toBe(403);
    expect(
      (await server.as(world.enumerator.token, { method: 'GET', url: '/api/registry/search?q=jean' })).statusCode,
    ).toBe(403);
  });

  it('finds a household by its respondent’s name when the respondent is not a member, within the reader’s areas', async () => {
    const visited = await registerHousehold(world, [{ first_name: 'Claudine', last_name: 'Irakoze' }], undefined, {
      respondent_name: 'Pélagie Ntakirutimana',
    });
    const found = await search('pelagie ntakirutimana');
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({ kind: 'household', tier: 'name', household: { code: visited.code } });
    expect((await search('Ntakiru', world.supervisor.token)).items.map((i) => i.household?.code)).toEqual([
      visited.code,
    ]);
    const elsewhere = await createUser(server.app.ctx, {
      username: 'sup-giheta-2',
      password: 'kusanya-demo',
      role: 'supervisor',
      areas: ['C0302'],
    });
    expect((await search('ntakirutimana', (await server.login(elsewhere.username)).token)).items).toEqual([]);
    // A respondent who is a member is found once, as that member.
    expect(names(await search('claudine irakoze'))).toEqual(['Claudine Irakoze']);
  });

  it('refuses a query with nothing to search for', async () => {
    const res = await server.as(hq, { method: 'GET', url: '/api/registry/search?q=%20-%20' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/two letters/);
  });
});

describe('household page', () => {
  it('shows members, values with labels, the history of every change and the submission that made it', async () => {
    const res = await server.as(hq, { method: 'GET', url: `/api/registry/households/${thereseHousehold.householdId}` });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<HouseholdPage>();
    expect(page.household).toMatchObject({
      code: thereseHousehold.code,
      area: 'CL03010101',
      areaName: 'Mubuga (sample)',
      communeName: 'Gitega (sample)',
      version: 1,
    });
    expect(page.members.map((m) => [m.firstName, m.role, m.recipient])).toEqual([
      ['Thérèse', 'HEAD', 'PRIMARY'],
      ['Jérôme', 'SPOUSE', 'SECONDARY'],
    ]);
    expect(page.labels?.fields['roof']?.choices?.['IRON_SHEET']).toMatchObject({
      fr: expect.any(String),
      en: 'Iron sheets',
    });
    expect(page.labels?.repeats['members']?.['sex']?.label).toMatchObject({ en: 'Sex' });
    expect(page.timeline).toHaveLength(1);
    expect(page.timeline[0]).toMatchObject({
      submissionId: thereseHousehold.submissionId,
      approvedBy: 'supervisor',
      householdVersion: 1,
    });
    expect(page.timeline[0]!.changes.filter((c) => c.field === '(created)')).toHaveLength(3);
    expect(page.submissions).toEqual([
      expect.objectContaining({
        id: thereseHousehold.submissionId,
        formId: 'household_survey',
        status: 'approved',
        enumerator: 'enumerator',
      }),
    ]);
    expect(page.grievancesVisible).toBe(true);
  });

  it('answers 404 for an unknown household', async () => {
    expect(
      (await server.as(hq, { method: 'GET', url: '/api/registry/households/01936f3e-8b2a-7c3d-9e4f-0123456789ff' }))
        .statusCode,
    ).toBe(404);
  });
});
