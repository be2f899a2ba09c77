declare const __UNBLOCK_BUILD__: string | undefined;

/**
 * Which build this code is: a hash of its sources and libraries (scripts/build-identity.mjs), put in
 * by esbuild, and by vitest for tests run from source. Files the build derives with its own code
 * (the shipped-data caches) carry the same identity and are trusted only by code that has it.
 */
export const buildStamp: string | undefined = typeof __UNBLOCK_BUILD__ === 'string' ? __UNBLOCK_BUILD__ : undefined;
