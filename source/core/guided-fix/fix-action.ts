import type {CheckResult} from '../checks/check-result.js';
import type {CommandResult, OutputLine} from './fix-runtime-contract.js';

/** What the user can do; availableActions(state) says which of these apply right now. */
export type UserAction =
	| {readonly type: 'answer-variable'; readonly name: string; readonly value: string}
	| {readonly type: 'run'}
	| {readonly type: 'skip'}
	| {readonly type: 'did-it-myself'}
	| {readonly type: 'back'}
	| {readonly type: 'quit'}
	| {readonly type: 'confirm-destructive'; readonly typed: string}
	| {readonly type: 'retry'}
	| {readonly type: 'recheck'}
	| {readonly type: 'show-hint'}
	| {readonly type: 'move-on'}
	| {readonly type: 'cancel'};

export type UserActionType = UserAction['type'];

/** What the runtime reports back about a piece of work (runStepWork dispatches these). */
export type WorkAction =
	| {readonly type: 'output-received'; readonly workId: number; readonly lines: readonly OutputLine[]}
	| {readonly type: 'command-finished'; readonly workId: number; readonly result: CommandResult; readonly startedAt: number}
	| {readonly type: 'check-finished'; readonly workId: number; readonly index: number; readonly result: CheckResult; readonly since: number};

export type FixAction = UserAction | WorkAction;
