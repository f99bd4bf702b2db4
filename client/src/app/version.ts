/** The app's version (from client/package.json), stamped on submissions and reported when syncing. */
export const APP_VERSION: string = __APP_VERSION__;
