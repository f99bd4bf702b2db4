/**
 * A household's photos on its page (issue 15), in happy-dom: per question, the current ID photo (the newest
 * record's), shown and fetched with the reader's token; the earlier one folded below with the date it arrived.
 */
import type { LinkedMedia } from '@kusanya/schemas';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n.js';
import { LinkedMediaPanel } from './LinkedMediaPanel.js';

vi.mock('../auth/session.js', () => ({ useSession: () => ({ session: { token: 'hq-token' } }) }));

const photo = (submissionId: string, name: string, at: string): LinkedMedia => ({
  submissionId,
  at,
  file: {
    name,
    type: 'image/jpeg',
    size: 60_000,
    sha256: 'c'.repeat(64),
    field: 'id_front',
    received: true,
    servedAs: 'image/jpeg',
  },
});
const REVISIT = '0193f6c2-0000-7000-8000-000000000002';
const FIRST = '0193f6c2-0000-7000-8000-000000000001';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("a household's photos", () => {
  it('shows the current ID photo first and folds the earlier one below, with the date it arrived', async () => {
    const fetched: { url: string; token: string | null }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        fetched.push({ url, token: new Headers(init?.headers).get('authorization') });
        // The revisit's photo is 2 bytes long, the first visit's 1: the object URL says which one an image shows.
        return new Response(new Blob([url.includes(REVISIT) ? 'rv' : 'f'], { type: 'image/jpeg' }));
      }),
    );
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => `blob:photo-${(blob as Blob).size}`);
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    render(
      <I18nProvider>
        <LinkedMediaPanel
          history
          title="Photos et fichiers"
          labelOf={(field) => (field === 'id_front' ? "Carte d'identité (recto)" : field)}
          media={[
            photo(REVISIT, 'id_front-2.jpg', '2026-06-01T09:00:00Z'),
            photo(FIRST, 'id_front-1.jpg', '2025-11-03T09:00:00Z'),
          ]}
        />
      </I18nProvider>,
    );
    const question = screen.getByTestId('media-question');
    expect(within(question).getByRole('heading', { level: 3 }).textContent).toBe("Carte d'identité (recto)");
    const current = within(question).getByTestId('media-current');
    await waitFor(() => expect(within(current).getByTestId('media-image')).toBeTruthy());

    const earlier = within(question).getByTestId('media-earlier') as HTMLDetailsElement;
    expect(earlier.open).toBe(false);
    expect(within(earlier).getByText('1 plus ancienne')).toBeTruthy();
    expect(within(earlier).getByText(/^Reçue le 3 nov\. 2025$/)).toBeTruthy();
    await waitFor(() => expect(fetched).toHaveLength(2));
    expect(fetched).toEqual(
      expect.arrayContaining([
        { url: `/api/media/records/${REVISIT}/files/id_front-2.jpg`, token: 'Bearer hq-token' },
        { url: `/api/media/records/${FIRST}/files/id_front-1.jpg`, token: 'Bearer hq-token' },
      ]),
    );
    // The current photo is the revisit's; the first visit's is the earlier one.
    await waitFor(() => expect(within(earlier).getByTestId('media-image').getAttribute('src')).toBe('blob:photo-1'));
    expect(within(current).getByTestId('media-image').getAttribute('src')).toBe('blob:photo-2');
  });
});
