import {describe, expect, test} from 'vitest';
import {describeContainerNow} from '../../source/core/container-now.js';
import {brokenShop} from '../ui/support/fixtures.js';

describe('how a diagnosed container looks now', () => {
	test('what is wrong with it in the newest scan', () => {
		expect(describeContainerNow(brokenShop, 'shop-beat-1')).toBe('keeps restarting: 7 restarts, last exit code 1');
	});

	test('its state, once nothing is detected any more', () => {
		const fixed = {...brokenShop, findings: [], containers: brokenShop.containers.map(container => ({...container, state: 'running' as const}))};
		expect(describeContainerNow(fixed, 'shop-beat-1')).toBe('running · 7 restarts, nothing detected now');
	});

	test('that it is gone', () => {
		expect(describeContainerNow({...brokenShop, containers: [], findings: []}, 'shop-beat-1')).toBe('no longer on the engine');
	});
});
