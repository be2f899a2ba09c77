import {Box, Text, type DOMElement} from 'ink';
import Spinner from 'ink-spinner';
import type {ReactNode, RefObject} from 'react';
import type {StepPlan} from '../../core/step-plans/step-plan.js';
import {variablesOfStep} from '../../core/step-plans/variable-usage.js';
import {showValue, valueSourceWords} from '../../core/step-plans/resolve-variables.js';
import type {UserAction} from '../../core/guided-fix/fix-action.js';
import type {FixState} from '../../core/guided-fix/fix-state.js';
import {summarizeFix} from '../../core/guided-fix/fix-summary.js';
import {describePlaybookOrigin} from '../../core/playbook-origin.js';
import {currentStepPlan} from '../../core/guided-fix/current-step-plan.js';
import {destructionKind} from '../../core/step-plans/destruction-kind.js';
import type {FixSession, RecordState} from '../app-state.js';
import {CheckList} from '../components/check-list.js';
import {CommandOutput} from '../components/command-output.js';
import {CompletedStepView} from '../components/completed-step-view.js';
import {DestructiveConfirmation} from '../components/destructive-confirmation.js';
import {FixSummaryView} from '../components/fix-summary-view.js';
import {Footer} from '../components/footer.js';
import {ScrollScreen} from '../components/scroll-area.js';
import {VariableQuestion} from '../components/variable-question.js';
import {WrappedText} from '../components/wrapped-text.js';
import {fixActionForKey, fixKeyContext, fixKeys} from '../fix-keys.js';
import {actionFor} from '../keymap.js';
import {color} from '../theme.js';
import {useKeys} from '../use-keys.js';
import {scrollByKey, scrollKeys, useScrollArea} from '../use-scroll-area.js';

type Props = {
	readonly session: FixSession;
	readonly record?: RecordState;
	/** How the fix's container looks now, from the newest scan ("running · 3 restarts"), when known. */
	readonly containerNow?: string;
	/** The terminal's rows: the title and the keys stay, the step, its output and the summary scroll between them. */
	readonly rows: number;
	readonly isActive: boolean;
	readonly onAction: (action: UserAction) => void;
	/** Esc on the first step: back to where the fix was opened from. */
	readonly onLeave: () => void;
	readonly onRecord: () => void;
	readonly onHelp: () => void;
	/** q once the fix is over: leave the wizard. */
	readonly onQuit: () => void;
};

const riskWords = {'read-only': 'read-only', safe: 'safe', caution: 'caution', destructive: 'DESTRUCTIVE'} as const;

/**
 * The guided fix: the steps tried so far, then step k of n, its exact command, its output while it
 * runs, its checks, and the summary at the end. All of it scrolls; the current step is kept in view.
 */
export function FixScreen({session, record, containerNow, rows, isActive, onAction, onLeave, onRecord, onHelp, onQuit}: Props) {
	const {state} = session;
	const {phase} = state;
	const area = useScrollArea();
	const context = fixKeyContext(state);
	const keys = [...fixKeys(state).filter(key => key !== 'record' || (!state.mode.dryRun && record?.status !== 'saved')), ...scrollKeys(area, {lines: true})];
	const asking = phase.name === 'needs-variables' || phase.name === 'confirm-destructive';

	useKeys((input, key) => {
		const action = actionFor(context, input, key, keys);
		if (action === undefined || action === 'cancel') {
			// Ctrl-C is the app's: it stops a running step or leaves the wizard.
			return;
		}

		if (scrollByKey(area, action, input, key)) {
			return;
		}

		if (action === 'help') {
			onHelp();
		} else if (action === 'record') {
			onRecord();
		} else if (action === 'quit') {
			onQuit();
		} else {
			const fixAction = fixActionForKey(action, state);
			if (fixAction === 'leave') {
				onLeave();
			} else if (fixAction) {
				onAction(fixAction);
			}
		}
	}, {isActive: isActive && !asking});

	const plan = currentStepPlan(state);
	const phaseView = phaseContent(state, area.followRef);
	const back = () => {
		const fixAction = fixActionForKey('back', state);
		if (fixAction === 'leave') {
			onLeave();
		} else if (fixAction) {
			onAction(fixAction);
		}
	};

	const header = (
		<>
			<Text bold>
				{`Guided fix: ${state.playbook.title}`}
				{state.mode.dryRun && <Text color={color('warning')}> (dry run: nothing runs)</Text>}
			</Text>
			{session.finding && <Text color={color('muted')} wrap="truncate-end">{`for ${session.finding.container}: ${containerNow ?? session.finding.summary}`}</Text>}
		</>
	);
	// Kept in view: a step from its title, the question asked, the newest output line while a command runs, else what the phase adds (the summary at the end).
	const followKey = asking ? `ask-${phase.name}` : phase.name === 'running' ? `output-${phase.workId}-${phase.output.length}` : `${state.stepIndex}-${phase.name}`;
	return (
		<ScrollScreen area={area} rows={rows} header={header} footer={<Footer context={context} only={keys}/>} followKey={followKey} followTail={phase.name === 'running'}>
			{session.completed.length > 0 && (
				<Box marginTop={1} flexDirection="column">
					{session.completed.map(entry => <CompletedStepView key={entry.key} entry={entry}/>)}
				</Box>
			)}
			{plan && phase.name !== 'final-check' && phase.name !== 'done' && (
				<Box {...(phase.name === 'ready' ? {ref: area.followRef} : {})} flexDirection="column">
					<StepView state={state} plan={plan}/>
				</Box>
			)}
			{phase.name === 'needs-variables' && (
				<Box ref={area.followRef} marginTop={1}>
					<VariableQuestion
						key={phase.request.name}
						request={phase.request}
						{...(phase.error ? {error: phase.error} : {})}
						isActive={isActive}
						onAnswer={value => {
							onAction({type: 'answer-variable', name: phase.request.name, value});
						}}
						onBack={back}
					/>
				</Box>
			)}
			{phase.name === 'confirm-destructive' && (
				<Box ref={area.followRef} marginTop={1}>
					<DestructiveConfirmation
						target={phase.target}
						kind={destructionKind(plan ? state.playbook.steps[plan.index]?.destroys : undefined)}
						{...(phase.error ? {error: phase.error} : {})}
						isActive={isActive}
						onConfirm={typed => {
							onAction({type: 'confirm-destructive', typed});
						}}
						onBack={back}
					/>
				</Box>
			)}
			{phaseView && <Box {...(asking || phase.name === 'running' || phase.name === 'ready' ? {} : {ref: area.followRef})} marginTop={1} flexDirection="column">{phaseView}</Box>}
			{phase.name === 'done' && record?.status === 'saved' && record.saved && (
				<Text color={color('success')}>{`Recorded in ${record.saved.file}:${record.saved.line}`}</Text>
			)}
		</ScrollScreen>
	);
}

function StepView({state, plan}: {readonly state: FixState; readonly plan: StepPlan}) {
	const {origin} = state.playbook;
	const showChecks = ['ready', 'needs-variables', 'confirm-destructive'].includes(state.phase.name);
	const step = state.playbook.steps[plan.index];
	const used = step ? variablesOfStep(step, Object.keys(state.playbook.variables)).filter(name => state.values[name] !== undefined) : [];
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text bold>
				{`Step ${plan.index + 1} of ${state.playbook.steps.length}: ${plan.title} `}
				<Text color={color(plan.risk === 'destructive' ? 'error' : plan.risk === 'caution' ? 'warning' : 'muted')}>{`[${riskWords[plan.risk]}]`}</Text>
			</Text>
			<WrappedText><Text>{plan.explanation}</Text></WrappedText>
			{plan.decision !== undefined && <WrappedText><Text color={color('warning')}>{`Decide first: ${plan.decision}. Skip it (s) if it does not fit.`}</Text></WrappedText>}
			{plan.command && (
				<Box flexDirection="column" marginTop={1}>
					<Text color={color('command')}>
						{`$ ${plan.command.display}`}
						{origin.source !== 'shipped' && <Text color={color('warning')}>{` [${describePlaybookOrigin(origin)}]`}</Text>}
					</Text>
					{plan.command.kind === 'shell' && <Text color={color('muted')}>  (runs in sh -c)</Text>}
				</Box>
			)}
			{plan.manual !== undefined && <Box marginTop={plan.command ? 0 : 1}><Text>{`By hand: ${plan.manual}`}</Text></Box>}
			{used.length > 0 && (
				<Text color={color('muted')} wrap="truncate-end">
					{`filled in: ${used.map(name => `{${name}} = ${showValue(state.values[name] ?? '')} (${valueSourceWords[state.sources[name] ?? 'answer']})`).join(', ')}`}
				</Text>
			)}
			{used.filter(name => state.capturedFrom[name] !== undefined).map(name => (
				<Text key={name} color={color('muted')} wrap="truncate-end">{`  {${name}} was read from: ${state.capturedFrom[name]!}`}</Text>
			))}
			{showChecks && (
				<Box flexDirection="column" marginTop={1}>
					<Text>{plan.checks.length === 0 ? 'No checks: the step is done when it ran.' : 'Then it checks:'}</Text>
					{plan.checks.map((check, index) => <Text key={`${index}`} wrap="truncate-end">{`  · ${check.description}`}</Text>)}
				</Box>
			)}
		</Box>
	);
}

/** What the current phase adds below the step, or null when it adds nothing. */
function phaseContent(state: FixState, newestRef: RefObject<DOMElement | null>): ReactNode {
	const {phase} = state;
	switch (phase.name) {
		case 'ready': {
			const plan = currentStepPlan(state);
			const note = state.mode.dryRun
				? 'Dry run: shown, not run.'
				: plan && !plan.command ? 'Nothing to run here: do it by hand, then press d to run its checks.' : undefined;
			if (!phase.notice && note === undefined) {
				return null;
			}

			return (
				<Box flexDirection="column">
					{phase.notice && <Text color={color('warning')}>{phase.notice}</Text>}
					{note !== undefined && <Text color={color('muted')}>{note}</Text>}
				</Box>
			);
		}

		case 'running': {
			return (
				<Box flexDirection="column">
					<Text>
						<Text color={color('accent')}><Spinner type="dots"/></Text>
						{' Running… ctrl+c stops it'}
					</Text>
					<CommandOutput lines={phase.output} truncated={phase.truncated} newestRef={newestRef}/>
				</Box>
			);
		}

		case 'checking': {
			return (
				<Box flexDirection="column">
					<Text>{phase.precondition ? 'Checking that it is safe to run…' : 'Checking…'}</Text>
					<CheckList running checks={phase.checks.map((check, index) => ({description: check.description, ...(phase.results[index] ? {result: phase.results[index]} : {})}))}/>
				</Box>
			);
		}

		case 'passed': {
			const last = state.records[state.stepIndex]?.attempts.at(-1);
			return <Text color={color('success')}>{last && last.checks.length > 0 ? '✓ Done: its checks pass.' : '✓ Done.'}</Text>;
		}

		case 'failed': {
			const plan = currentStepPlan(state);
			return (
				<Box flexDirection="column">
					<Text color={color('error')}>{`✗ Not done: ${phase.reason}`}</Text>
					{phase.hintShown && plan?.hint && <Text color={color('accent')}>{`Hint: ${plan.hint}`}</Text>}
				</Box>
			);
		}

		case 'final-check': {
			const final = state.final;
			return (
				<Box flexDirection="column">
					<Text bold>Every check of the playbook, once more</Text>
					<CheckList running checks={[
						...(final?.checks ?? []).map((check, index) => ({description: check.planned.description, ...(final?.results[index] ? {result: final.results[index]} : {})})),
						...(final?.notRun ?? []).map(check => ({description: check.description, notRun: check.reason})),
					]}/>
				</Box>
			);
		}

		case 'done': {
			return <FixSummaryView summary={summarizeFix(state)}/>;
		}

		default: {
			return null;
		}
	}
}
