import { describe, expect, it } from 'vitest';
import { canvasSizeOf, paint, toCanvasPoint, type Stroke } from './drawing.js';

/** A 2D context that records what is drawn, in order. */
function recorder() {
  const calls: string[] = [];
  const g = {
    set fillStyle(v: string) {
      calls.push(`fill ${v}`);
    },
    set strokeStyle(v: string) {
      calls.push(`pen ${v}`);
    },
    set lineWidth(v: number) {
      calls.push(`width ${v}`);
    },
    lineCap: '',
    lineJoin: '',
    fillRect: (x: number, y: number, w: number, h: number) => calls.push(`rect ${x},${y},${w},${h}`),
    drawImage: (_img: unknown, x: number, y: number, w: number, h: number) => calls.push(`photo ${x},${y},${w},${h}`),
    beginPath: () => calls.push('begin'),
    moveTo: (x: number, y: number) => calls.push(`move ${x},${y}`),
    lineTo: (x: number, y: number) => calls.push(`line ${x},${y}`),
    stroke: () => calls.push('stroke'),
  };
  return { g: g as unknown as CanvasRenderingContext2D, calls };
}

const red: Stroke = {
  color: '#e53935',
  width: 10,
  points: [
    { x: 1, y: 2 },
    { x: 3, y: 4 },
  ],
};
const blue: Stroke = { color: '#1e88e5', width: 10, points: [{ x: 5, y: 5 }] };

describe('the drawing pad', () => {
  it('draws on the photo at the photo’s own size, whatever the size on screen', () => {
    expect(canvasSizeOf({ width: 1600, height: 1200 }, { width: 400, height: 300 }, 2)).toEqual({
      width: 1600,
      height: 1200,
    });
    // A finger at the middle of a 400-pixel-wide box falls at the middle of the 1,600-pixel photo.
    expect(
      toCanvasPoint({ x: 210, y: 160 }, { left: 10, top: 10, width: 400, height: 300 }, { width: 1600, height: 1200 }),
    ).toEqual({ x: 800, y: 600 });
  });

  it('gives a signature page the screen’s pixel density', () => {
    expect(canvasSizeOf(null, { width: 300.4, height: 220 }, 2)).toEqual({ width: 601, height: 440 });
  });

  it('paints white, the photo, then each stroke in its colour, in the order drawn', () => {
    const { g, calls } = recorder();
    const photo = {} as HTMLImageElement;
    paint(g, { width: 1600, height: 1200 }, photo, [red, blue]);
    expect(calls).toEqual([
      'fill #fff',
      'rect 0,0,1600,1200',
      'photo 0,0,1600,1200',
      'pen #e53935',
      'width 10',
      'begin',
      'move 1,2',
      'line 3,4',
      'stroke',
      'pen #1e88e5',
      'width 10',
      'begin',
      'move 5,5',
      'line 5.01,5',
      'stroke',
    ]);
  });
});
