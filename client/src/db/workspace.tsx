import type { Submission } from '@kusanya/schemas';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Session } from '../auth/session.js';
import { recoverInterruptedFinalizations } from '../capture/drafts.js';
import { SyncEngine } from '../sync/sync-engine.js';
import { openUserDatabase, type KusanyaDatabase } from './database.js';

export interface Workspace {
  db: KusanyaDatabase;
  sync: SyncEngine;
  session: Session;
  /** Records whose device edit lost a conflict this session (the server kept them too). */
  conflicts: Submission[];
}

const WorkspaceContext = createContext<Workspace | null>(null);

/**
 * Opens the logged-in user's own database and starts syncing it; closes both when the user changes.
 * One local database per user, one open at a time (RxDB's free tier allows few collections per process).
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
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    let opened: { db: KusanyaDatabase; sync: SyncEngine } | null = null;
    const conflicts: Submission[] = [];
    (async () => {
      const db = await openUserDatabase(session.user.id, { onConflict: (local) => conflicts.push(local) });
      if (cancelled) {
        await db.close();
        return;
      }
      await recoverInterruptedFinalizations(db);
      const sync = new SyncEngine(db, { userId: session.user.id, token: session.token, onUnauthorized });
      opened = { db, sync };
      sync.start();
      setWorkspace({ db, sync, session, conflicts });
    })().catch((e: unknown) => setError((e as Error).message));
    return () => {
      cancelled = true;
      setWorkspace(null);
      const toClose = opened;
      if (toClose) void toClose.sync.stop().then(() => toClose.db.close());
    };
  }, [session, onUnauthorized]);

  if (error) return <p role="alert" className="error">{error}</p>;
  if (!workspace) return <>{fallback}</>;
  return <WorkspaceContext.Provider value={workspace}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): Workspace {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace outside WorkspaceProvider');
  return value;
}
