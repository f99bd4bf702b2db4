/**
 * The video question on the tablet, in happy-dom: "Record a video" opens the camera app (a file input with
 * `capture`), a video over the per-file limit is refused in words before anything is stored, a short one is
 * kept beside the record and played back, and it can be removed.
 */
import type { MediaRef } from '@kusanya/schemas';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatBytes } from '../../device/storage.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { MediaCaptureProvider, type MediaCapture } from '../capture-context.js';
import type { DeviceMediaStore } from '../device-media.js';
import { MediaCaptureWidget } from './MediaCaptureWidget.js';

function fakeCapture(fileBytes: number) {
  const kept = new Map<string, Blob>();
  const store = {
    keep: vi.fn(async ({ blob, name }: { blob: Blob; name?: string }): Promise<MediaRef> => {
      const ref = { name: name ?? 'clip.mp4', type: blob.type, size: blob.size, sha256: 'a'.repeat(64) };
      kept.set(ref.name, blob);
      return ref;
    }),
    bytes: vi.fn(async (_id: string, name: string) => kept.get(name) ?? null),
    discard: vi.fn(async (_id: string, ref: MediaRef) => void kept.delete(ref.name)),
  };
  const capture: MediaCapture = {
    store: store as unknown as DeviceMediaStore,
    submissionId: 'sub-1',
    limits: { fileBytes, recordBytes: fileBytes * 10 },
    maxPixels: () => undefined,
  };
  return { capture, store, kept };
}

function VideoQuestion({ capture }: { capture: MediaCapture }) {
  const [value, set] = useState<MediaRef | undefined>();
  return (
    <I18nProvider>
      <MediaCaptureProvider value={capture}>
        <MediaCaptureWidget field="site_video" kind="video" value={value} set={set} id="q1" />
      </MediaCaptureProvider>
    </I18nProvider>
  );
}

const video = (bytes: number, name = 'VID_0001.mp4') => new File([new Uint8Array(bytes)], name, { type: 'video/mp4' });

afterEach(cleanup);

describe('the video question', () => {
  it('opens the tablet’s camera app to record, or its gallery to choose', () => {
    render(<VideoQuestion capture={fakeCapture(1000).capture} />);
    const camera = screen.getByTestId('video-camera-input') as HTMLInputElement;
    expect(camera.accept).toBe('video/*');
    expect(camera.getAttribute('capture')).toBe('environment');
    expect((screen.getByTestId('video-gallery-input') as HTMLInputElement).getAttribute('capture')).toBeNull();
    expect(screen.getByRole('button', { name: 'Filmer une vidéo' })).toBeTruthy();
    expect(screen.getByText(/^Une vidéo peut faire au plus/).textContent).toBe(
      `Une vidéo peut faire au plus ${formatBytes(1000, 'fr')} : filmez-en une courte.`,
    );
  });

  it('refuses a video over the limit in words, storing nothing', async () => {
    const { capture, store } = fakeCapture(1000);
    render(<VideoQuestion capture={capture} />);
    await userEvent.upload(screen.getByTestId('video-camera-input'), video(2500));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      `Cette vidéo fait ${formatBytes(2500, 'fr')} ; une vidéo peut faire au plus ${formatBytes(1000, 'fr')}. Filmez-en une plus courte.`,
    );
    expect(store.keep).not.toHaveBeenCalled();
    expect(screen.queryByTestId('media-preview')).toBeNull();
  });

  it('keeps a short video as it is, plays it back, records again and removes it', async () => {
    const { capture, store, kept } = fakeCapture(1000);
    render(<VideoQuestion capture={capture} />);
    await userEvent.upload(screen.getByTestId('video-camera-input'), video(600));
    await waitFor(() => expect(screen.getByTestId('media-preview').tagName).toBe('VIDEO'));
    expect(store.keep).toHaveBeenCalledTimes(1);
    const [[input]] = store.keep.mock.calls as unknown as [[{ blob: Blob; field: string; name: string }]];
    expect(input.field).toBe('site_video');
    expect(input.blob.size).toBe(600);
    expect(input.name).toMatch(/-VID_0001\.mp4$/);
    expect(screen.getByRole('button', { name: 'Filmer à nouveau' })).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Retirer' }));
    await waitFor(() => expect(screen.queryByTestId('media-preview')).toBeNull());
    expect(kept.size).toBe(0);
    expect(screen.getByRole('button', { name: 'Filmer une vidéo' })).toBeTruthy();
  });
});
