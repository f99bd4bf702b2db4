import { describe, expect, it } from 'vitest';
import { acceptsType, drawsOnPhoto, mediaKindOf } from './types.js';

describe('the kind of a media question', () => {
  it('draws on a white page for signature and draw, on the photo for annotate (ODK’s meanings)', () => {
    expect(mediaKindOf('image', 'signature')).toBe('signature');
    expect(mediaKindOf('image', 'draw')).toBe('signature');
    expect(mediaKindOf('image', 'annotate')).toBe('image');
    expect(drawsOnPhoto('image', 'annotate')).toBe(true);
    expect(drawsOnPhoto('image', 'new Annotate')).toBe(true);
    expect(drawsOnPhoto('image', 'signature')).toBe(false);
    expect(drawsOnPhoto('image')).toBe(false);
    expect(drawsOnPhoto('file', 'annotate')).toBe(false);
  });

  it('takes only videos for a video question', () => {
    expect(mediaKindOf('video')).toBe('video');
    expect(acceptsType('video', 'video/mp4')).toBe(true);
    expect(acceptsType('video', 'video/webm')).toBe(true);
    expect(acceptsType('video', 'image/jpeg')).toBe(false);
    expect(acceptsType('video', 'application/pdf')).toBe(false);
  });
});
