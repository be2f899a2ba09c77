import type {PrebuiltIndex} from '../core/search/prebuilt-index.js';
import {contentHash, openShippedDataCache, shippedDataCacheFile} from './shipped-data-cache.js';

/**
 * The search indexes of what unblock ships, built by `npm run build`
 * (scripts/write-shipped-data-caches.ts) and trusted only from that very build: one of the
 * playbooks, vocabulary and blocker logs, for search and the wizard; one of the playbooks alone,
 * which diagnose ranks findings against, in a file of its own so that search never reads it.
 */
export const searchIndexCacheFile = shippedDataCacheFile('search-index');
export const playbookIndexCacheFile = shippedDataCacheFile('playbook-index');

/** Each file's one entry: the build identity, checked by the cache, is what keys it. */
export const shippedIndexName = 'shipped';
export const shippedIndexKey = Buffer.from('the shipped playbooks, vocabulary and blocker logs');

export function shippedIndex(file: string): PrebuiltIndex | undefined {
	return openShippedDataCache<PrebuiltIndex>(file).get(shippedIndexName, contentHash(shippedIndexKey))?.value;
}
