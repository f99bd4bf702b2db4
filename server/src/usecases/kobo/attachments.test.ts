import type { MediaFileState } from '@kusanya/schemas';
import { describe, expect, it } from 'vitest';
import { attachmentIdentity, attachmentNamed, koboAttachments } from './attachments.js';
import { keyOfPath } from './media-zip.js';

const file = (name: string, received = true, servedAs = 'image/jpeg'): MediaFileState => ({
  name,
  field: 'grp.photo',
  type: 'image/jpeg',
  size: 10,
  sha256: 'a'.repeat(64),
  received,
  ...(received ? { servedAs } : {}),
});
const ctx = {
  base: 'https://kusanya.example',
  assetUid: 'aAsset',
  number: 41,
  submissionId: '0193f6c2-0000-7000-8000-000000000001',
  instance: '8df26ea5-0000-4000-8000-000000000002',
  formhub: '0406d9a7f30f4c1eb5d7bad7e0d1cc02',
  user: 'bob',
  original: undefined,
};

describe("Kobo's _attachments", () => {
  it('gives each file of a record a stable uid (att + 22) and integer id, different per record and name', () => {
    const a = attachmentIdentity(ctx.submissionId, 'x.jpg');
    expect(attachmentIdentity(ctx.submissionId, 'x.jpg')).toEqual(a);
    expect(a.uid).toMatch(/^att[0-9A-Za-z]{22}$/);
    expect(Number.isSafeInteger(a.id) && a.id > 0).toBe(true);
    expect(attachmentIdentity(ctx.submissionId, 'y.jpg').uid).not.toBe(a.uid);
    expect(attachmentIdentity('0193f6c2-0000-7000-8000-000000000009', 'x.jpg').uid).not.toBe(a.uid);
  });

  it("lists received files only, under Kobo's storage path, or the path Kobo gave an imported record", () => {
    const list = koboAttachments([file('x.jpg'), file('late.jpg', false)], ctx);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      filename: `bob/attachments/${ctx.formhub}/${ctx.instance}/x.jpg`,
      media_file_basename: 'x.jpg',
      question_xpath: 'grp/photo',
      instance: 41,
      download_url: `https://kusanya.example/api/v2/assets/aAsset/data/41/attachments/${attachmentIdentity(ctx.submissionId, 'x.jpg').uid}/`,
    });
    const original = [{ filename: 'alice/attachments/f/u/x.jpg', question_xpath: 'group_a/Photo' }];
    expect(koboAttachments([file('x.jpg')], { ...ctx, original })[0]).toMatchObject({
      filename: 'alice/attachments/f/u/x.jpg',
      question_xpath: 'group_a/Photo',
    });
    // Bytes that are not a photo are announced as what they will be served as.
    expect(koboAttachments([file('x.jpg', true, 'application/octet-stream')], ctx)[0]).toMatchObject({
      mimetype: 'application/octet-stream',
    });
  });

  it('finds a file by its uid or its numeric id, and nothing else', () => {
    const files = [file('x.jpg'), file('y.jpg')];
    const { uid, id } = attachmentIdentity(ctx.submissionId, 'y.jpg');
    expect(attachmentNamed(files, ctx.submissionId, uid)?.name).toBe('y.jpg');
    expect(attachmentNamed(files, ctx.submissionId, String(id))?.name).toBe('y.jpg');
    expect(attachmentNamed(files, '0193f6c2-0000-7000-8000-000000000009', uid)).toBeNull();
  });

  it("matches a ZIP entry to a record by its instance folder and file name (kobocat's layout)", () => {
    expect(keyOfPath(`bob/attachments/${ctx.formhub}/${ctx.instance.toUpperCase()}/x.jpg`)).toBe(
      `${ctx.instance}/x.jpg`,
    );
    expect(keyOfPath('x.jpg')).toBeNull();
  });
});
