/**
 * The wizard: one reducer holds its state (app-state.ts); three hooks start the work that feeds
 * it (use-scan.ts: knowledge and scans; use-fix-work.ts: a fix's commands and checks;
 * use-interruption.ts: Ctrl-C and leaving); screen-switch.tsx draws the current screen. Every side
 * effect goes through the runtime handed in, so tests hand in a fake one.
 */
import {Box} from 'ink';
import {useReducer, useRef} from 'react';
import type {UserError} from '../core/user-error.js';
import {appReducer, initialAppState, type AppState} from './app-state.js';
import {KeyInputProvider} from './key-input.js';
import {ScreenSwitch} from './screen-switch.js';
import {useFixWork, type FixModeProps, type InitialFix} from './use-fix-work.js';
import {useInterruption} from './use-interruption.js';
import {useScan} from './use-scan.js';
import {useClock} from './use-clock.js';
import {useTerminalSize} from './use-terminal-size.js';
import {wizardActions} from './use-wizard-actions.js';
import type {WizardRuntime} from './wizard-runtime.js';

export type {InitialFix} from './use-fix-work.js';

export type AppProps = FixModeProps & {
	readonly runtime: WizardRuntime;
	/** Open the guided fix of this playbook at once (`unblock fix <playbook>`). */
	readonly initial?: InitialFix;
	/** How often a screen that follows the engine looks again with no change reported (tests shorten it). */
	readonly refreshMs?: number;
	/**
	 * Called once when the wizard ends, with the exit code and a promise that settles when the last
	 * command has stopped and an incident being saved is written, with what failed once no screen
	 * was left to say it (an incident that could not be saved after all).
	 */
	readonly onExit?: (code: number, settled: Promise<readonly UserError[]>) => void;
};

export function App(props: AppProps) {
	return (
		<KeyInputProvider>
			<Wizard {...props}/>
		</KeyInputProvider>
	);
}

function Wizard({runtime, initial, dryRun, allowDestructive, refreshMs, onExit}: AppProps) {
	const [state, dispatch] = useReducer(appReducer, initial, initialState);
	const size = useTerminalSize();
	const needsScan = initial === undefined || initial.container !== undefined;
	const following = showsEngine(state);
	const startScan = useScan(runtime, dispatch, {needsScan, following, ...(refreshMs === undefined ? {} : {refreshMs})});
	const now = useClock(runtime.fix.now, following && state.navigation.screen.name === 'scan');
	const inflight = useFixWork(runtime, state, dispatch, {...(initial ? {initial} : {}), needsScan, dryRun, allowDestructive});
	// The save under way, settling with its failure only if the wizard had closed by then.
	const saving = useRef<Promise<UserError | undefined>>(Promise.resolve(undefined));
	const closed = useRef(false);
	useInterruption(state, dispatch, [inflight, saving], (code, settled) => {
		closed.current = true;
		onExit?.(code, settled);
	});

	return (
		<Box flexDirection="column">
			<ScreenSwitch
				state={state}
				dispatch={dispatch}
				actions={wizardActions(state, dispatch, runtime, {dryRun, allowDestructive}, work => {
					saving.current = work.then(failure => (closed.current ? failure : undefined));
				})}
				startScan={startScan}
				size={size}
				now={now}
				{...(initial ? {initial} : {})}
			/>
		</Box>
	);
}

/** The screen shows what the engine looks like now: the scan, or a diagnosed container's playbook or fix. */
function showsEngine(state: AppState): boolean {
	const {screen} = state.navigation;
	return screen.name === 'scan' || (screen.name === 'playbook' && screen.finding !== undefined) || (screen.name === 'fix' && state.fix?.finding !== undefined);
}

function initialState(initial: InitialFix | undefined): AppState {
	if (!initial) {
		return initialAppState({name: 'scan'});
	}

	// Esc from the fix's first step goes to its playbook, as if opened from there.
	return initialAppState({name: 'fix'}, [{name: 'playbook', playbookId: initial.playbook, why: []}]);
}
