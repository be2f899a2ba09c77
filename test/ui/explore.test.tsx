import {test} from 'vitest';
import {renderWizard, keys} from './support/render-wizard.js';
import {brokenShop} from './support/fixtures.js';

test('explore', async () => {
	const wizard = renderWizard({fake: {scan: {kind: 'scanned', result: brokenShop}, commands: () => ({lines: ['owner=0']})}});
	console.log(await wizard.waitFor('problem'));
	await wizard.press(keys.enter);
	console.log(await wizard.waitFor('Seen before'));
	await wizard.press('f');
	console.log(await wizard.waitFor('Step 1 of 3'));
	await wizard.press(keys.enter);
	console.log(await wizard.waitFor('Done'));
	await wizard.press(keys.enter);
	console.log(await wizard.waitFor('Step 2 of 3'));
	wizard.unmount();
});
