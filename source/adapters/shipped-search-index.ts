import type {PrebuiltIndex} from '../core/search/prebuilt-index.js';
import {contentHash, openShippedDataCache, shippedDataCacheFile} from './shipped-data-cache.js';

/**
 * The search index of everything unblock ships, built by `npm run build`
 * (scripts/write-shipped-data-caches.ts) and trusted only from that very build.
 */
export const searchIndexCacheFile = shippedDataCacheFile('search-index');

/** The one entry's name and key: the build identity, checked by the cache, is what keys it. */
export const shippedIndexName = 'shipped';
export const shippedIndexKey = Buffer.from('the shipped playbooks, vocabulary and blocker logs');

export function shippedSearchIndex(): PrebuiltIndex | undefined {
	return openShippedDataCache<PrebuiltIndex>(searchIndexCacheFile).get(shippedIndexName, contentHash(shippedIndexKey))?.value;
}

/** The index of the shipped playbooks alone, which diagnose ranks findings against: a file of its own, so search never reads it. */
export const playbookIndexCacheFile = shippedDataCacheFile('playbook-index');

export function shippedPlaybookIndex(): PrebuiltIndex | undefined {
	return openShippedDataCache<PrebuiltIndex>(playbookIndexCacheFile).get(shippedIndexName, contentHash(shippedIndexKey))?.value;
}
