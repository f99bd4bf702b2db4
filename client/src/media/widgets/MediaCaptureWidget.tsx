import '../media.css';
import type { MediaRef } from '@kusanya/schemas';
import type { MediaKind } from '@kusanya/shared/media/types';
import { AudioRecorder } from './AudioRecorder.js';
import { FilePicker } from './FilePicker.js';
import { PhotoCapture } from './PhotoCapture.js';
import { SignaturePad } from './SignaturePad.js';

export interface MediaWidgetProps {
  /** The question's data key (where the answer goes), e.g. `id_front` or `members[1].photo`. */
  field: string;
  kind: MediaKind;
  value: MediaRef | undefined;
  set: (value: MediaRef | undefined) => void;
  id: string;
  describedBy?: string | undefined;
  readOnly?: boolean | undefined;
  /** `max-pixels` of an image question. */
  maxPixels?: number | undefined;
}

/** The capture widget of a media question: photo, signature or drawing, recording, or file. */
export function MediaCaptureWidget(props: MediaWidgetProps) {
  switch (props.kind) {
    case 'image':
      return <PhotoCapture {...props} />;
    case 'signature':
      return <SignaturePad {...props} />;
    case 'audio':
      return <AudioRecorder {...props} />;
    case 'video':
    case 'file':
      return <FilePicker {...props} />;
  }
}
