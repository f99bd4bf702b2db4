/** The sync protocol's limits and headers (DESIGN.md §3), as the contract states them to every client. */
export const PUSH_MAX_ROWS = 500;
export const PUSH_MAX_BYTES = 5 * 1024 * 1024;
export const PULL_MAX_LIMIT = 1000;
export const PULL_DEFAULT_LIMIT = 100;
/**
 * A pull page also stops at about this many bytes of documents (always holding at least one), whatever `limit`
 * asks: the checkpoint then says where to continue. Bounds the memory of a pull on both sides.
 */
export const PULL_MAX_BYTES = 4 * 1024 * 1024;

/** Optional headers a device sends with sync requests, for the server's view of devices. */
export const APP_VERSION_HEADER = 'x-kusanya-app-version';
export const QUEUE_HEADER = 'x-kusanya-queue';
/** On pull responses: how many changes in the caller's scope come after the returned checkpoint (progress bars). */
export const REMAINING_HEADER = 'x-kusanya-remaining';
