/**
 * The device suite's probe, installed in every page before the app loads (as an init script, so it sees the
 * whole page life). It records, in the page's own clock (`performance.now()`, 0 at navigation):
 *  - every long task (over 50 ms) the browser reports on the main thread;
 *  - the first time each watched state of the screen appears, and the first frame painted after it.
 * It calls no app code and takes no time unless the DOM changes. Kept in plain JavaScript source: it is
 * injected as text (functions sent from tsx carry helpers the page does not have).
 */

/** What the harness reads back. */
export interface ProbeState {
  longTasks: [start: number, duration: number][];
  /** Name → time the state was first seen on screen after the last `arm` (DOM) and painted (`name:paint`). */
  marks: Record<string, number>;
}

/** Screen states the probe knows (the app's French labels and test ids). */
export type ScreenState = 'loginForm' | 'captureReady' | 'listRows' | 'question';

export const PROBE_SCRIPT = `globalThis.__name = (f) => f; // tsx keeps function names with this helper
(() => {
  const probe = { longTasks: [], marks: {}, armed: new Set(['loginForm', 'captureReady', 'listRows', 'question']) };
  window.__deviceProbe = probe;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {}
  const afterPaint = (cb) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => cb(performance.now());
      channel.port2.postMessage(null);
    });
  const tests = {
    loginForm: () => !!document.querySelector('input#password'),
    captureReady: () =>
      [...document.querySelectorAll('button.primary.big')].some(
        (b) => b.textContent.includes('Enquête ménage') && !b.disabled,
      ),
    listRows: () => !!document.querySelector('[data-testid="household-item"]'),
    question: () => !!document.querySelector('[data-question]'),
  };
  const check = () => {
    for (const name of [...probe.armed]) {
      if (!tests[name]()) continue;
      probe.armed.delete(name);
      probe.marks[name] = performance.now();
      afterPaint((t) => (probe.marks[name + ':paint'] = t));
    }
  };
  probe.arm = (name) => {
    delete probe.marks[name];
    delete probe.marks[name + ':paint'];
    probe.armed.add(name);
    check();
  };
  /** Clicks what the selector (and text) finds, right after arming the states to wait for; returns the click time. */
  probe.clickAndWatch = (selector, text, names) => {
    for (const name of names) {
      delete probe.marks[name];
      delete probe.marks[name + ':paint'];
      probe.armed.add(name);
    }
    const target = [...document.querySelectorAll(selector)].find((e) => !text || e.textContent.trim() === text);
    if (!target) throw new Error('nothing to click: ' + selector + ' ' + text);
    const t = performance.now();
    target.click();
    check();
    return t;
  };
  const start = () => new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
  start();
})();`;
