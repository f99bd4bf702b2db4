import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

/**
 * The drawing pad behind signatures, drawings and annotated photos: strokes kept as a list (so the last one can
 * be undone and all can be cleared) and painted over a white page or over the photo being annotated, at the
 * photo's own resolution (the annotated JPEG is as sharp as the photo; the screen only shows it smaller).
 */
export interface Point {
  x: number;
  y: number;
}
export interface Stroke {
  color: string;
  /** In the canvas's own pixels. */
  width: number;
  points: Point[];
}

/** The pens offered when annotating a photo: colours that stand out on an ID card, a wall or a roof. */
export const PEN_COLOURS = [
  { name: 'red', value: '#e53935' },
  { name: 'yellow', value: '#fdd835' },
  { name: 'blue', value: '#1e88e5' },
  { name: 'black', value: '#111111' },
  { name: 'white', value: '#ffffff' },
] as const;
export type PenColour = (typeof PEN_COLOURS)[number]['name'];

/** Where a pointer on the screen falls on the canvas, in the canvas's own pixels. */
export function toCanvasPoint(
  client: Point,
  box: { left: number; top: number; width: number; height: number },
  size: { width: number; height: number },
): Point {
  return {
    x: ((client.x - box.left) * size.width) / (box.width || 1),
    y: ((client.y - box.top) * size.height) / (box.height || 1),
  };
}

/** The size of the canvas: the photo's own size, or the box on the screen at the screen's pixel density. */
export function canvasSizeOf(
  background: { width: number; height: number } | null,
  box: { width: number; height: number },
  density: number,
): { width: number; height: number } {
  if (background) return { width: background.width, height: background.height };
  return { width: Math.max(1, Math.round(box.width * density)), height: Math.max(1, Math.round(box.height * density)) };
}

type Tracer = Pick<CanvasRenderingContext2D, 'beginPath' | 'moveTo' | 'lineTo'>;

/** The path of one stroke (a dot when it is a single touch). */
export function traceStroke(g: Tracer, stroke: Stroke) {
  const [first, ...rest] = stroke.points;
  if (!first) return;
  g.beginPath();
  g.moveTo(first.x, first.y);
  if (rest.length === 0) g.lineTo(first.x + 0.01, first.y);
  for (const p of rest) g.lineTo(p.x, p.y);
}

export type DrawingBackground = HTMLImageElement | ImageBitmap;

/** Paints the page: white, the photo if there is one, then every stroke in order. */
export function paint(
  g: CanvasRenderingContext2D,
  size: { width: number; height: number },
  background: DrawingBackground | null,
  strokes: readonly Stroke[],
) {
  g.fillStyle = '#fff';
  g.fillRect(0, 0, size.width, size.height);
  if (background) g.drawImage(background, 0, 0, size.width, size.height);
  g.lineCap = 'round';
  g.lineJoin = 'round';
  for (const stroke of strokes) {
    g.strokeStyle = stroke.color;
    g.lineWidth = stroke.width;
    traceStroke(g, stroke);
    g.stroke();
  }
}

/**
 * A drawing pad on a canvas while `active`: finger or pen strokes of `color`, `lineWidth` screen pixels wide;
 * `undo` takes the last stroke back, `clear` all of them (the photo stays), `toBlob` gives the picture.
 */
export function useDrawingPad(
  canvas: RefObject<HTMLCanvasElement | null>,
  {
    active,
    background,
    color,
    lineWidth,
  }: { active: boolean; background: DrawingBackground | null; color: string; lineWidth: number },
) {
  const strokes = useRef<Stroke[]>([]);
  const pen = useRef({ color, lineWidth });
  pen.current = { color, lineWidth };
  const [count, setCount] = useState(0);

  const repaint = useCallback(() => {
    const c = canvas.current;
    const g = c?.getContext('2d');
    if (c && g) paint(g, c, background, strokes.current);
    setCount(strokes.current.length);
  }, [canvas, background]);

  useEffect(() => {
    const c = canvas.current;
    if (!c || !active) return;
    Object.assign(c, canvasSizeOf(background, c.getBoundingClientRect(), devicePixelRatio));
    strokes.current = [];
    repaint();
    const g = c.getContext('2d');
    let current: Stroke | null = null;
    const at = (e: PointerEvent) => toCanvasPoint({ x: e.clientX, y: e.clientY }, c.getBoundingClientRect(), c);
    const down = (e: PointerEvent) => {
      c.setPointerCapture(e.pointerId);
      const scale = c.width / (c.getBoundingClientRect().width || 1);
      current = { color: pen.current.color, width: pen.current.lineWidth * scale, points: [at(e)] };
      strokes.current.push(current);
      setCount(strokes.current.length);
    };
    const move = (e: PointerEvent) => {
      if (!current || !g) return;
      const last = current.points[current.points.length - 1]!;
      const p = at(e);
      current.points.push(p);
      g.strokeStyle = current.color;
      g.lineWidth = current.width;
      g.lineCap = 'round';
      g.beginPath();
      g.moveTo(last.x, last.y);
      g.lineTo(p.x, p.y);
      g.stroke();
    };
    const up = () => {
      if (current?.points.length === 1) repaint();
      current = null;
    };
    c.addEventListener('pointerdown', down);
    c.addEventListener('pointermove', move);
    c.addEventListener('pointerup', up);
    c.addEventListener('pointercancel', up);
    return () => {
      c.removeEventListener('pointerdown', down);
      c.removeEventListener('pointermove', move);
      c.removeEventListener('pointerup', up);
      c.removeEventListener('pointercancel', up);
    };
  }, [canvas, active, background, repaint]);

  const undo = () => {
    strokes.current.pop();
    repaint();
  };
  const clear = () => {
    strokes.current = [];
    repaint();
  };
  const toBlob = (type: string, quality?: number) =>
    new Promise<Blob>((resolve, reject) => {
      if (!canvas.current) return reject(new Error('canvas'));
      canvas.current.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas'))), type, quality);
    });

  return { strokes: count, undo, clear, toBlob };
}
