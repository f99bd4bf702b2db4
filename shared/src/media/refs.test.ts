import { describe, expect, it } from 'vitest';
import { mediaProblems, mediaRefsOf } from './refs.js';
import { acceptsType, mediaKindOf, servedInline, servedType, sniffType } from './types.js';

const sha = (c: string) => c.repeat(64);
const photo = (name: string, size = 1000, hash = sha('a')) => ({ name, type: 'image/jpeg', size, sha256: hash });

describe('media references in a record', () => {
  it('finds every photo wherever its question sits: top level, groups, repeats', () => {
    const data = {
      consent: photo('sig.png'),
      name: 'Ndayishimiye',
      gps: { lat: -3.4, lon: 29.9, accuracy: 5 },
      members: [{ id_card: photo('m0.jpg', 10, sha('b')) }, { age: 4 }, { id_card: photo('m2.jpg', 10, sha('c')) }],
    };
    expect(mediaRefsOf(data).map((r) => [r.field, r.ref.name])).toEqual([
      ['consent', 'sig.png'],
      ['members[0].id_card', 'm0.jpg'],
      ['members[2].id_card', 'm2.jpg'],
    ]);
  });

  it('ignores objects that are not exactly a reference (a path as a name, a bad hash, extra keys)', () => {
    expect(
      mediaRefsOf({
        a: photo('../etc/passwd'),
        b: { ...photo('x.jpg'), sha256: 'nothex' },
        c: { ...photo('y.jpg'), extra: 1 },
        d: photo('.hidden'),
      }),
    ).toEqual([]);
  });

  it('says which file is over the per-file limit and when the record is over its total, counting a file once', () => {
    const limits = { fileBytes: 10, recordBytes: 25 };
    const refs = mediaRefsOf({ a: photo('a.jpg', 11, sha('a')), b: photo('b.jpg', 9, sha('b')) });
    expect(mediaProblems(refs, limits).map((p) => p.code)).toEqual(['file-too-large']);
    const same = mediaRefsOf({
      a: photo('a.jpg', 9, sha('a')),
      b: photo('b.jpg', 9, sha('a')),
      c: photo('c.jpg', 9, sha('c')),
    });
    expect(mediaProblems(same, limits)).toEqual([]);
    const over = mediaRefsOf({
      a: photo('a.jpg', 9, sha('a')),
      b: photo('b.jpg', 9, sha('b')),
      c: photo('c.jpg', 9, sha('c')),
    });
    expect(mediaProblems(over, limits).map((p) => p.code)).toEqual(['record-too-large']);
  });
});

describe('media types', () => {
  it('tells a drawing from a photo by its appearance', () => {
    expect(mediaKindOf('image', 'signature')).toBe('signature');
    expect(mediaKindOf('image', 'annotate')).toBe('image');
    expect(mediaKindOf('audio')).toBe('audio');
    expect(mediaKindOf('text')).toBeNull();
  });

  it('accepts only what the question captures, never an SVG as a photo', () => {
    expect(acceptsType('image', 'image/jpeg')).toBe(true);
    expect(acceptsType('image', 'image/svg+xml')).toBe(false);
    expect(acceptsType('audio', 'audio/webm')).toBe(true);
    expect(acceptsType('image', 'application/pdf')).toBe(false);
    expect(acceptsType('file', 'application/pdf')).toBe(true);
  });

  it('serves by what the bytes are: HTML named .jpg is a download, a JPEG an image', () => {
    const html = Uint8Array.from('<html><script>', (c) => c.charCodeAt(0));
    expect(sniffType(html)).toBe('application/octet-stream');
    expect(servedInline(sniffType(html))).toBe(false);
    expect(sniffType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    const webm = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3]);
    expect(servedType(sniffType(webm), 'audio/webm')).toBe('audio/webm');
    expect(servedInline('image/svg+xml')).toBe(false);
  });
});
