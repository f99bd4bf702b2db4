import type { Db } from '../db/database.js';

/**
 * Prepared statements for SQL built at run time (filters that add clauses): each distinct text is
 * prepared once per repository instance and reused.
 */
export function statementCache(db: Db): (sql: string) => ReturnType<Db['prepare']> {
  const statements = new Map<string, ReturnType<Db['prepare']>>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
}
