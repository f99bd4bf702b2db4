import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Session } from '../auth/session.js';
import { keepLostEdit } from '../capture/conflicts.js';
import { recoverInterruptedFinalizations } from '../capture/drafts.js';
import { useI18n } from '../i18n/i18n.js';
import { requestPersistence, type Persistence } from '../device/storage.js';
import { SyncEngine } from '../sync/sync-engine.js';
import { MediaUploader } from '../media/uploader.js';
import { adoptPlainDatabase } from './adopt.js';
import { openUserDatabase, type KusanyaDatabase } from './database.js';

export interface Workspace {
  db: KusanyaDatabase;
  sync: SyncEngine;
  /** Sends the tablet's photos and files once their records are on the server (issue 15). */
  media: MediaUploader;
  session: Session;
  /** The browser's answer when asked, at this login, to keep the app's data (never evict it). */
  persistence: Persistence;
}

const WorkspaceContext = createContext<Workspace | null>(null);

/**
 * Opens the logged-in user's own database and starts syncing it; closes both when the user changes.
 * One local database per user, one open at a time (RxDB's free tier allows few collections per process).
 * Records whose device version lost a conflict are kept as conflict copies (drafts of kind "conflict").
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
  const { t } = useI18n();

  useEffect(() => {
    let cancelled = false;
    let opened: { db: KusanyaDatabase; sync: SyncEngine; media: MediaUploader } | null = null;
    (async () => {
      // Asked at every login; never holds the app up (some browsers answer slowly or prompt the user).
      const persistence = Promise.race([
        requestPersistence(),
        new Promise<Persistence>((r) => setTimeout(() => r('unsupported'), 3000)),
      ]);
      let database: KusanyaDatabase | null = null;
      const db = await openUserDatabase(session.user.id, {
        onConflict: (local, resolved) => {
          if (database) void keepLostEdit(database, local, resolved);
        },
        encryptionKey: session.dbKey,
      });
      database = db;
      if (cancelled) {
        await db.close();
        return;
      }
      try {
        await adoptPlainDatabase(session.user.id, db);
      } catch (error) {
        await db.close();
        throw error;
      }
      await recoverInterruptedFinalizations(db);
      const sync = new SyncEngine(db, {
        userId: session.user.id,
        token: session.token,
        areas: session.user.areas,
        onUnauthorized,
      });
      const media = new MediaUploader(db, { userId: session.user.id, token: session.token });
      opened = { db, sync, media };
      sync.start();
      media.start();
      setWorkspace({ db, sync, media, session, persistence: await persistence });
    })().catch((e: unknown) => setError(e ?? 'error'));
    return () => {
      cancelled = true;
      setWorkspace(null);
      const toClose = opened;
      if (toClose) void Promise.all([toClose.sync.stop(), toClose.media.stop()]).then(() => toClose.db.close());
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
  if (!workspace) return <>{fallback}</>;
  return <WorkspaceContext.Provider value={workspace}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): Workspace {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace outside WorkspaceProvider');
  return value;
}
