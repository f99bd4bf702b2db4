import '../media.css';
import type { MediaRef } from '@kusanya/schemas';
import type { MediaKind } from '@kusanya/shared/media/types';
import { AnnotatePhoto } from './AnnotatePhoto.js';
import { AudioRecorder } from './AudioRecorder.js';
import { FilePicker } from './FilePicker.js';
import { PhotoCapture } from './PhotoCapture.js';
import { SignaturePad } from './SignaturePad.js';
import { VideoCapture } from './VideoCapture.js';

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
  /** An image question with the `annotate` appearance: the photo is drawn on once taken. */
  annotate?: boolean | undefined;
}

/** The capture widget of a media question: photo (drawn on or not), signature or drawing, recording, video, or file. */
export function MediaCaptureWidget(props: MediaWidgetProps) {
  switch (props.kind) {
    case 'image':
      return props.annotate ? <AnnotatePhoto {...props} /> : <PhotoCapture {...props} />;
    case 'signature':
      return <SignaturePad {...props} />;
    case 'audio':
      return <AudioRecorder {...props} />;
    case 'video':
      return <VideoCapture {...props} />;
    case 'file':
      return <FilePicker {...props} />;
  }
}
