declare const __UNBLOCK_BUILD__: string | undefined;

/**
 * Which build this code came from: the bundle gets a fresh stamp each `npm run build`, and files the
 * build derives from its own code (search data in the playbook cache) carry the same stamp. Run
 * from source (tests), there is none, and such files are not trusted.
 */
export const buildStamp: string | undefined = typeof __UNBLOCK_BUILD__ === 'string' ? __UNBLOCK_BUILD__ : undefined;
