import type { FormDefinition, FormNode, MediaRef } from '@kusanya/schemas';
import { DEFAULT_MEDIA_LIMITS, type MediaLimits } from '@kusanya/shared/media/refs';
import { createContext, useContext, useEffect, useState } from 'react';
import type { DeviceMediaStore } from './device-media.js';

/** What a media question needs from the screen around it: the database and the record its files belong to. */
export interface MediaCapture {
  store: DeviceMediaStore;
  /** The record the draft becomes (media are kept beside it, under its id). */
  submissionId: string;
  limits: MediaLimits;
  /** `max-pixels` of the form's image questions, by data key. */
  maxPixels: (field: string) => number | undefined;
}

const MediaCaptureContext = createContext<MediaCapture | null>(null);
export const MediaCaptureProvider = MediaCaptureContext.Provider;

export function useMediaCapture(): MediaCapture | null {
  return useContext(MediaCaptureContext);
}

export const mediaLimitsOnDevice = DEFAULT_MEDIA_LIMITS;

/** The `max-pixels` of a form's image questions, found by the question's name (the last part of a data path). */
export function maxPixelsOfForm(definition: FormDefinition): (field: string) => number | undefined {
  const byName = new Map<string, number>();
  const walk = (nodes: readonly FormNode[]) => {
    for (const node of nodes) {
      const value = Number(node.parameters?.['max-pixels']);
      if (node.type === 'image' && Number.isInteger(value) && value > 0) byName.set(node.name, value);
      if (node.children) walk(node.children);
    }
  };
  walk(definition.fields);
  return (field) => byName.get((field.split(/[./]/).pop() ?? field).replace(/\[\d+\]/g, ''));
}

/** An object URL for a medium kept on the tablet (null while loading, or when another tablet captured it). */
export function useLocalMediaUrl(capture: MediaCapture | null, ref: MediaRef | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  const name = ref?.name;
  useEffect(() => {
    setUrl(null);
    if (!capture || !name) return;
    let made: string | null = null;
    let cancelled = false;
    void capture.store.bytes(capture.submissionId, name).then((blob) => {
      if (blob && !cancelled) setUrl((made = URL.createObjectURL(blob)));
    });
    return () => {
      cancelled = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [capture, name]);
  return url;
}
