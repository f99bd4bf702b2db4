import { describe, expect, it } from 'vitest';
import { databasePassword, newDatabaseKey } from '../auth/keyring.js';
import { RecordCipher, SealBrokenError } from './record-cipher.js';

const cipher = () => RecordCipher.fromHex(databasePassword(newDatabaseKey()));
const household = { values: { village: 'Kibenga' }, members: [{ first_name: 'Aline', last_name: 'Ndayishimiyé' }] };

describe('RecordCipher (AES-256-GCM, WebCrypto)', () => {
  it('opens what it sealed, compressed or not; the same value never gives the same text twice', async () => {
    const c = await cipher();
    const plain = await c.seal(household, 'submissions/1');
    const again = await c.seal(household, 'submissions/1');
    const many = Array.from({ length: 100 }, () => household);
    const deflated = await c.seal(many, 'householdPages/p1/households', { compress: true });
    expect(plain).toMatch(/^g1:/);
    expect(deflated).toMatch(/^z1:/);
    expect(again).not.toBe(plain);
    expect(plain).not.toContain('Aline');
    expect(await c.open(plain, 'submissions/1')).toEqual(household);
    expect(await c.open(deflated, 'householdPages/p1/households')).toEqual(many);
    // A hundred similar households take far less room deflated than one by one.
    expect(deflated.length).toBeLessThan(plain.length * 10);
  });

  it('refuses another key, a text moved to another record, and an altered text', async () => {
    const c = await cipher();
    const sealed = await c.seal(household, 'drafts/a');
    await expect((await cipher()).open(sealed, 'drafts/a')).rejects.toThrow(SealBrokenError);
    await expect(c.open(sealed, 'drafts/b')).rejects.toThrow(SealBrokenError);
    const altered = sealed.slice(0, -6) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA') + sealed.slice(-2);
    await expect(c.open(altered, 'drafts/a')).rejects.toThrow(SealBrokenError);
    await expect(c.open('not sealed', 'drafts/a')).rejects.toThrow(/known encrypted format/);
  });

  it('seals binary content (a photo) the same way, for storing as a Blob', async () => {
    const c = await cipher();
    const photo = crypto.getRandomValues(new Uint8Array(60_000));
    const sealed = await c.sealBytes(photo, 'media/sha256-of-photo');
    expect(sealed.byteLength).toBe(photo.byteLength + 12 + 16); // IV and authentication tag
    expect(await c.openBytes(sealed, 'media/sha256-of-photo')).toEqual(photo);
    await expect(c.openBytes(sealed, 'media/another')).rejects.toThrow(SealBrokenError);
  });

  it('takes a database key of 64 hexadecimal characters only', async () => {
    await expect(RecordCipher.fromHex('abc')).rejects.toThrow(/64 hexadecimal/);
  });
});
