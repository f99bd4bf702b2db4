import type { FormDoc } from '@kusanya/schemas';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { BehaviorSubject } from 'rxjs';
import type { Session } from '../auth/session.js';
import { keepLostEdit } from '../capture/conflicts.js';
import { recoverInterruptedFinalizations } from '../capture/drafts.js';
import { requestPersistence, type Persistence } from '../device/storage.js';
import { RecordCipher } from '../crypto/record-cipher.js';
import { WorkerSealer } from '../crypto/worker-sealer.js';
import { HouseholdStore } from '../households/household-store.js';
import { useI18n } from '../i18n/i18n.js';
import { prefetchForms } from '../sync/pages.js';
import { SyncEngine } from '../sync/sync-engine.js';
import { DeviceMediaStore } from '../media/device-media.js';
import { MediaUploader } from '../media/uploader.js';
import { openUserDatabase, type KusanyaDatabase } from './database.js';
import { LegacyMigration, type MigrationProgress } from './legacy/migrate-legacy.js';
import { databaseName, dexieDatabaseExists } from './names.js';

/** The households of an earlier release's database being brought over (null when there are none left). */
export type HouseholdsMigration = (MigrationProgress & { error?: string }) | null;

export interface Workspace {
  db: KusanyaDatabase;
  sync: SyncEngine;
  /** Photos and files kept on the tablet, sealed with the user's key (issue 15). */
  mediaStore: DeviceMediaStore;
  /** Sends them once their records are on the server. */
  media: MediaUploader;
  session: Session;
  /** The registry households on the tablet and their list. */
  households: HouseholdStore;
  householdsMigration$: BehaviorSubject<HouseholdsMigration>;
  /**
   * A new database's forms as the server sent them while it opened (null otherwise): the home screen shows its
   * capture buttons from these until the forms are stored, a moment later.
   */
  arrivingForms: Promise<FormDoc[]> | null;
  /** The browser's answer when asked, at this login, to keep the app's data (never evict it). */
  persistence: Persistence;
}

const WorkspaceContext = createContext<Workspace | null>(null);

/**
 * Opens the logged-in user's own database and starts syncing it; closes both when the user changes.
 * One local database per user, one open at a time (RxDB's free tier allows few collections per process).
 * Records of an earlier release's database are brought over first (legacy/migrate-legacy.ts), its households in
 * the background. Records whose device version lost a conflict are kept as conflict copies (drafts of kind
 * "conflict").
 */
export function WorkspaceProvider({
  session,
  onUnauthorized,
  children,
  fallback,
}: {
  session: Session;
  onUnauthorized: () => void;
  children: ReactNode;
  fallback: ReactNode;
}) {
  const [workspace, setWorkspace] = useState<Workspace | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [preparing, setPreparing] = useState<MigrationProgress | null>(null);
  const { t } = useI18n();

  useEffect(() => {
    let cancelled = false;
    let opened: {
      db: KusanyaDatabase;
      households: HouseholdStore;
      sync?: SyncEngine;
      media?: MediaUploader;
    } | null = null;
    let migration: LegacyMigration | null = null;
    let sealer: WorkerSealer | null = null;
    let background: Promise<unknown> = Promise.resolve();
    (async () => {
      // Asked at every login; never holds the app up (some browsers answer slowly or prompt the user).
      const persistence = Promise.race([
        requestPersistence(),
        new Promise<Persistence>((r) => setTimeout(() => r('unsupported'), 3000)),
      ]);
      // A new database has no forms yet: they are asked for while it opens.
      const isNew = !(await dexieDatabaseExists(databaseName(session.user.id)));
      const firstForms = session.token && isNew ? prefetchForms(session.token) : undefined;
      let database: KusanyaDatabase | null = null;
      const db = await openUserDatabase(session.user.id, {
        key: session.dbKey,
        onConflict: (local, resolved) => {
          if (database) void keepLostEdit(database, local, resolved);
        },
      });
      database = db;
      // Pages of households are sealed and opened on a worker thread (encoding, deflating, base64: the costly part).
      const cipher = await RecordCipher.fromHex(session.dbKey);
      sealer = new WorkerSealer(
        () => new Worker(new URL('../crypto/seal-worker.ts', import.meta.url), { type: 'module' }),
        cipher,
      );
      const households = new HouseholdStore(db, cipher.offload(sealer));
      opened = { db, households };
      if (cancelled) return;
      const householdsMigration$ = new BehaviorSubject<HouseholdsMigration>(null);
      migration = new LegacyMigration(session.user.id, session.dbKey, db, households, {
        onRecords: (progress) => setPreparing(progress),
        onHouseholds: (progress) => householdsMigration$.next(progress),
      });
      await migration.copyRecords();
      setPreparing(null);
      if (cancelled) return;
      await recoverInterruptedFinalizations(db);
      const sync = new SyncEngine(db, {
        userId: session.user.id,
        token: session.token,
        areas: session.user.areas,
        households,
        onUnauthorized,
        ...(firstForms ? { firstForms } : {}),
      });
      opened.sync = sync;
      sync.start();
      const mediaStore = new DeviceMediaStore(db, cipher);
      const media = new MediaUploader(mediaStore, { userId: session.user.id, token: session.token });
      opened.media = media;
      media.start();
      background = migration.copyHouseholds().then(
        () => householdsMigration$.next(null),
        (e: unknown) => {
          const last = householdsMigration$.value ?? { done: 0, total: 0 };
          householdsMigration$.next({ ...last, error: e instanceof Error ? e.message : String(e) });
        },
      );
      const arrivingForms = firstForms
        ? firstForms.then(
            (page) => page.documents.filter((form) => !form._deleted),
            () => [],
          )
        : null;
      setWorkspace({
        db,
        sync,
        mediaStore,
        media,
        session,
        households,
        householdsMigration$,
        arrivingForms,
        persistence: await persistence,
      });
    })().catch((e: unknown) => setError(e ?? 'error'));
    return () => {
      cancelled = true;
      setWorkspace(null);
      migration?.cancel();
      const toClose = opened;
      if (!toClose) sealer?.terminate();
      else
        void background
          .then(() => Promise.all([toClose.sync?.stop(), toClose.media?.stop()]))
          .then(() => toClose.households.close())
          .then(() => toClose.db.close())
          .finally(() => sealer?.terminate());
    };
  }, [session, onUnauthorized]);

  if (error) {
    // A key that does not fit never deletes anything: say so.
    const { code, message } = error as { code?: unknown; message?: unknown };
    return (
      <p role="alert" className="error">
        {code === 'DB1' ? t('security.keyMismatch') : typeof message === 'string' ? message : String(error)}
      </p>
    );
  }
  if (!workspace)
    return preparing ? (
      <main aria-busy="true" className="preparing" data-testid="migration-progress">
        <p role="status">{t('migration.records', { done: preparing.done, total: preparing.total })}</p>
        <progress max={Math.max(1, preparing.total)} value={preparing.done} />
      </main>
    ) : (
      <>{fallback}</>
    );
  return <WorkspaceContext.Provider value={workspace}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): Workspace {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace outside WorkspaceProvider');
  return value;
}
