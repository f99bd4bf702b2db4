import { describe, expect, it } from 'vitest';
import { heldAlready } from './uploader.js';

const answer = (status: number, body: string) => ({ getStatus: () => status, getBody: () => body });

describe('heldAlready', () => {
  it('marks a photo sent only when the server says it already holds the file', () => {
    const held = JSON.stringify({ error: { code: 'already-exists', message: 'photo.jpg is already on the server.' } });
    expect(heldAlready(answer(409, held))).toBe(true);
  });

  it("keeps the photo waiting on tus's own conflict (the offset moved) and on any other answer", () => {
    expect(heldAlready(answer(409, 'Upload-Offset conflict\n'))).toBe(false);
    expect(heldAlready(answer(409, JSON.stringify({ error: { code: 'conflict' } })))).toBe(false);
    expect(heldAlready(answer(500, JSON.stringify({ error: { code: 'already-exists' } })))).toBe(false);
    expect(heldAlready(undefined)).toBe(false);
  });
});
