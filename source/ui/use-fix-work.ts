/**
 * The guided fix's side of the wizard: `unblock fix <playbook>` starts its fix once the playbooks
 * (and the container's scan) are in, and the fix's pending work runs once per work id, aborted
 * as soon as that id is no longer pending: that is how Ctrl-C stops a command's process group,
 * and how leaving the wizard stops the rest.
 */
import {useEffect, useRef, type Dispatch, type RefObject} from 'react';
import {containerFactsFor, type ContainerFacts} from '../core/container-facts.js';
import type {FixAction} from '../core/guided-fix/fix-action.js';
import {createFixState} from '../core/guided-fix/fix-reducer.js';
import {pendingWork} from '../core/guided-fix/pending-work.js';
import {runStepWork} from '../core/guided-fix/run-step-work.js';
import type {AppAction, AppState} from './app-state.js';
import {messageOf} from './error-message.js';
import type {WizardRuntime} from './wizard-runtime.js';

export type InitialFix = {
	readonly playbook: string;
	/** The container the fix is about: its facts fill the variables. */
	readonly container?: string;
	/** `--set` values for its variables. */
	readonly answers?: Readonly<Record<string, string>>;
};

export type FixModeProps = {
	readonly dryRun: boolean;
	readonly allowDestructive: boolean;
};

/** Returns the work in flight, which settles once the last command has stopped. */
export function useFixWork(runtime: WizardRuntime, state: AppState, dispatch: Dispatch<AppAction>, options: FixModeProps & {readonly initial?: InitialFix; readonly needsScan: boolean}): RefObject<Promise<void>> {
	const {initial, needsScan, dryRun, allowDestructive} = options;
	const inflight = useRef<Promise<void>>(Promise.resolve());
	const initialStarted = useRef(false);

	useEffect(() => {
		if (!initial || initialStarted.current || state.knowledge.status !== 'loaded' || (needsScan && state.scan.status === 'scanning')) {
			return;
		}

		initialStarted.current = true;
		const playbook = state.knowledge.knowledge.playbooks.find(candidate => candidate.id === initial.playbook);
		if (playbook) {
			const found = initial.container === undefined ? undefined : containerFactsOnScreen(state, initial.container, playbook.id);
			const {finding, facts} = found ?? {};
			dispatch({
				type: 'fix-started',
				state: createFixState({playbook, ...(facts ? {facts} : {}), ...(finding ? {text: finding} : {}), ...(initial.answers ? {answers: initial.answers} : {}), mode: {dryRun, allowDestructive}, startedAt: runtime.fix.now()}),
				...(finding ? {finding} : {}),
				replace: true,
			});
		}
	}, [state.knowledge, state.scan]);

	const fixState = state.fix?.state;
	const work = fixState ? pendingWork(fixState) : undefined;
	const workKey = work && fixState ? `${fixState.startedAt}-${work.kind}-${work.id}` : undefined;
	useEffect(() => {
		if (!work) {
			return undefined;
		}

		const controller = new AbortController();
		const report = (action: FixAction) => {
			dispatch({type: 'fix', action});
		};

		inflight.current = runStepWork(work, runtime.fix, report, controller.signal).catch((error: unknown) => {
			// The runtime promises never to reject; if one does, the step fails instead of hanging.
			if (work.kind === 'command' && !controller.signal.aborted) {
				report({type: 'command-finished', workId: work.id, startedAt: runtime.fix.now(), result: {outcome: {kind: 'not-started', reason: messageOf(error)}, output: [], truncated: false}});
			}
		});
		return () => {
			controller.abort();
		};
	}, [workKey]);

	return inflight;
}

/** A container the scan did not see (or no scan at all) still has its name. */
function containerFactsOnScreen(state: AppState, name: string, playbookId: string): ContainerFacts {
	const scanned = state.scan.status === 'done' && state.scan.outcome.kind === 'scanned' ? state.scan.outcome.result : undefined;
	return (scanned && containerFactsFor(scanned, name, playbookId)) ?? {facts: {container: name}};
}
