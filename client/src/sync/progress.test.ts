import { describe, expect, it } from 'vitest';
import { SyncProgress } from './progress.js';

describe('SyncProgress', () => {
  it('counts a long sync: records and bytes sent of those waiting, documents stored of those announced', () => {
    const p = new SyncProgress();
    p.waitingOnDevice(500);
    p.activity(true);
    p.pushed(100, 20_000);
    expect(p.waitingOnDevice(400)).toMatchObject({ running: true, sent: 100, toSend: 500, bytesSent: 20_000 });
    // Downloaded is not stored: the bar counts what is on the device.
    p.fetched('households', 1000, 1000);
    expect(p.bytesReceived(p.currentRun()!, 300_000)).toMatchObject({
      received: 0,
      toReceive: 2000,
      bytesReceived: 300_000,
    });
    expect(p.stored('households', 100)).toMatchObject({ received: 100, toReceive: 2000 });
    p.stored('households', 900);
    p.pushed(400, 80_000);
    p.waitingOnDevice(0);
    p.fetched('households', 1000, 0);
    // Every request answered but the last page not yet stored: the run goes on.
    expect(p.activity(false)).toMatchObject({ running: true, received: 1000, toReceive: 2000 });
    expect(p.stored('households', 1000)).toMatchObject({
      running: false,
      sent: 500,
      toSend: 500,
      received: 2000,
      toReceive: 2000,
    });
  });

  it('stays in the same run through a failed attempt, and starts a new run after finishing', () => {
    const p = new SyncProgress();
    p.waitingOnDevice(50);
    p.activity(true);
    p.pushed(20, 4000);
    p.waitingOnDevice(30);
    expect(p.activity(false)).toMatchObject({ running: true, sent: 20, toSend: 50 }); // retry pending: still this run
    p.activity(true);
    p.pushed(30, 6000);
    p.waitingOnDevice(0);
    expect(p.activity(false)).toMatchObject({ running: false, sent: 50, toSend: 50 });
    p.waitingOnDevice(1);
    expect(p.activity(true)).toMatchObject({ running: true, sent: 0, toSend: 1, bytesSent: 0 });
  });

  it('keeps the last run visible through polls that find nothing', () => {
    const p = new SyncProgress();
    p.waitingOnDevice(2);
    p.activity(true);
    p.pushed(2, 500);
    p.waitingOnDevice(0);
    p.activity(false);
    p.activity(true);
    p.fetched('submissions', 0, 0);
    expect(p.currentRun()).toBeNull(); // its answer's bytes belong to no run
    expect(p.activity(false)).toMatchObject({ running: false, sent: 2, bytesSent: 500, bytesReceived: 0 });
  });

  it("counts an answer's bytes, known a little later, in the run it arrived in, even once that run is over", () => {
    const p = new SyncProgress();
    p.activity(true);
    p.fetched('forms', 3, 0);
    const run = p.currentRun()!;
    p.settled('forms');
    expect(p.activity(false)).toMatchObject({ running: false, received: 3 });
    expect(p.bytesReceived(run, 18_000)).toMatchObject({ running: false, bytesReceived: 18_000 });
    p.pushed(1, 900);
    expect(p.bytesReceived(run, 120)).toMatchObject({ bytesSent: 900, bytesReceived: 0 }); // a later run
  });

  it("counts a replication's documents once it settled (RxDB stored them), never more than arrived", () => {
    const p = new SyncProgress();
    p.activity(true);
    p.fetched('submissions', 3, 0);
    expect(p.snapshot()).toMatchObject({ running: true, received: 0, toReceive: 3 });
    expect(p.settled('submissions')).toMatchObject({ received: 3, toReceive: 3 });
    expect(p.stored('submissions', 5)).toMatchObject({ received: 3 });
    expect(p.activity(false)).toMatchObject({ running: false, received: 3 });
  });

  it('says what was sent and received since the app opened, when the echo of a push arrives in a later run', () => {
    const p = new SyncProgress();
    p.waitingOnDevice(3);
    p.activity(true);
    p.pushed(3, 900);
    p.waitingOnDevice(0);
    p.activity(false);
    // The next poll brings back the three records in their new state ("sent, waiting for review").
    p.activity(true);
    p.fetched('submissions', 3, 0, 600);
    p.stored('submissions', 3);
    const after = p.activity(false);
    expect(after).toMatchObject({ running: false, sent: 0, received: 3 });
    expect(after.session).toEqual({ sent: 3, received: 3, bytes: 1500 });
  });
});
