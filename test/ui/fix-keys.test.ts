import {describe, expect, test} from 'vitest';
import {reduceFix, createFixState} from '../../source/core/guided-fix/fix-reducer.js';
import type {FixAction} from '../../source/core/guided-fix/fix-action.js';
import type {FixState} from '../../source/core/guided-fix/fix-state.js';
import {newlyCompleted} from '../../source/ui/completed-steps.js';
import {fixActionForKey, fixKeyContext, fixKeys} from '../../source/ui/fix-keys.js';
import {draftFields, withDraftValue, type IncidentDraft} from '../../source/ui/incident-draft.js';
import {bindingsFor, keyList} from '../../source/ui/keymap.js';
import {withoutBreakSpace} from '../../source/ui/components/wrapped-text.js';
import {brokenShop, staleVolume, volumePermission} from './support/fixtures.js';

function fixAt(actions: readonly FixAction[], state = createFixState({playbook: volumePermission, facts: brokenShop.findings[0]!.facts, startedAt: 1})): FixState {
	return actions.reduce(reduceFix, state);
}

const ran: FixAction = {type: 'command-finished', workId: 1, startedAt: 2, result: {outcome: {kind: 'exited', exitCode: 0}, output: [], truncated: false}};

describe('the fix\'s keys come from its state', () => {
	test.each([
		['a step ready to run', [], 'fix-step', 'enter run · d I did it myself · s skip · esc back · ? help · q stop fix'],
		['a command running', [{type: 'run'}], 'fix-running', 'ctrl+c stop'],
		['a step done', [{type: 'run'}, ran], 'fix-passed', 'enter next step · esc back · ? help · q stop fix'],
		['the summary', [{type: 'quit'}], 'fix-done', 'w record incident · esc back · q quit'],
	] as const)('%s', (_name, actions, context, footer) => {
		const state = fixAt(actions);
		expect(fixKeyContext(state)).toBe(context);
		expect(bindingsFor(fixKeyContext(state), fixKeys(state)).map(binding => `${binding.keys} ${binding.label}`).join(' · ')).toBe(footer);
	});

	test('a question with choices can be moved through; one typed cannot', () => {
		const asked = createFixState({playbook: staleVolume, startedAt: 1});
		expect(fixKeys(asked)).not.toContain('move-arrows');
		const choosing = reduceFix(reduceFix(reduceFix(asked, {type: 'answer-variable', name: 'volume', value: 'shop_db'}), {type: 'run'}), {type: 'confirm-destructive', typed: 'shop_db'});
		const atSecond = reduceFix(reduceFix(choosing, {type: 'command-finished', workId: 1, startedAt: 2, result: {outcome: {kind: 'exited', exitCode: 0}, output: [], truncated: false}}), {type: 'move-on'});
		expect(fixKeyContext(atSecond)).toBe('fix-input');
		expect(fixKeys(atSecond)).toContain('move-arrows');
	});

	test('esc goes to the previous step, leaves the fix from the first, and does nothing while a command runs', () => {
		expect(fixActionForKey('back', fixAt([]))).toBe('leave');
		expect(fixActionForKey('back', fixAt([{type: 'skip'}]))).toEqual({type: 'back'});
		expect(fixActionForKey('back', fixAt([{type: 'run'}]))).toBeUndefined();
	});

	test('q ends the fix (its summary follows) until the summary, where it quits the wizard', () => {
		expect(fixActionForKey('stop-fix', fixAt([]))).toEqual({type: 'quit'});
		expect(fixActionForKey('stop-fix', fixAt([{type: 'run'}, ran]))).toEqual({type: 'quit'});
		const summary = fixAt([{type: 'quit'}]);
		expect(fixKeys(summary)).toContain('quit');
		expect(fixKeys(summary)).not.toContain('stop-fix');
		expect(fixActionForKey('stop-fix', summary)).toBeUndefined();
	});

	test('enter moves on after a pass; n after a failure; neither does anything else', () => {
		expect(fixActionForKey('next', fixAt([{type: 'run'}, ran]))).toEqual({type: 'move-on'});
		expect(fixActionForKey('next', fixAt([]))).toBeUndefined();
		expect(fixActionForKey('hint', fixAt([]))).toBeUndefined();
	});
});

describe('help', () => {
	test('keys that move or scroll, as the screen holds a selection or not, are listed once', () => {
		expect(keyList('scan')).toEqual(['↑↓/jk move or scroll', 'pgup/pgdn page', 'g/G top/end', 'enter open', '/ search', 'r rescan', '? help', 'q quit']);
		expect(keyList('playbook').filter(entry => entry.startsWith('↑↓/jk'))).toEqual(['↑↓/jk move or scroll']);
		expect(keyList('fix-step')).toContain('q stop fix');
	});
});

describe('wrapped lines', () => {
	test.each([
		['the first line keeps its indent', '  first', 0, '  first'],
		['a continuation loses the space it broke at', ' last exit code', 1, 'last exit code'],
		['behind colour codes too', '\u001B[36m last exit\u001B[39m', 2, '\u001B[36mlast exit\u001B[39m'],
		['a line without one is left alone', 'schedule file', 1, 'schedule file'],
	])('%s', (_name, line, index, expected) => {
		expect(withoutBreakSpace(line, index)).toBe(expected);
	});
});

describe('the steps a fix has tried', () => {
	test('a run, a skip and a stopped run each leave one entry, in order', () => {
		const start = fixAt([]);
		const afterRun = fixAt([{type: 'run'}, ran], start);
		expect(newlyCompleted(start, afterRun, 0).map(entry => [entry.heading, entry.status, entry.detail])).toEqual([
			['Step 1 of 3: See who owns the directory', 'passed', 'exited with code 0'],
		]);
		const atSecond = reduceFix(afterRun, {type: 'move-on'});
		const skipped = reduceFix(atSecond, {type: 'skip'});
		expect(newlyCompleted(atSecond, skipped, 1).map(entry => [entry.heading, entry.status, entry.detail])).toEqual([
			['Step 2 of 3: Give the directory to the container user', 'skipped', 'skipped'],
		]);
		const running = reduceFix(skipped, {type: 'run'});
		const stopped = reduceFix(running, {type: 'cancel'});
		expect(newlyCompleted(running, stopped, 2).map(entry => [entry.heading, entry.status, entry.detail])).toEqual([
			['Step 3 of 3: Restart the container', 'failed', 'stopped by you'],
		]);
		expect(newlyCompleted(stopped, stopped, 3)).toEqual([]);
	});
});

describe('editing the incident draft', () => {
	const draft: IncidentDraft = {title: 't', symptoms: [], evidence: [], rootCause: '', tried: [], worked: [], tradeoffs: [], lessons: [], cause: 'volume-permission-uid-mismatch', status: 'open'};

	test.each([
		['lessons', 'check owners ; match the uid', ['check owners', 'match the uid']],
		['worked', 'sh -c \'a;b\' ; docker restart web', ['sh -c \'a;b\'', 'docker restart web']],
		['symptoms', '  ', []],
	] as const)('%s: "%s"', (field, text, expected) => {
		expect(withDraftValue(draft, field, text)[field]).toEqual(expected);
	});

	test('a text field is trimmed, never split', () => {
		expect(withDraftValue(draft, 'rootCause', ' uid 1000 ; root owns it ').rootCause).toBe('uid 1000 ; root owns it');
		expect(draftFields.map(field => field.label)).toEqual(['Title', 'Symptoms', 'Evidence', 'Root cause', 'Tried', 'Worked', 'Trade-offs', 'Lessons']);
	});
});
