import {useInput, useStdin, type Key} from 'ink';
import {createContext, useCallback, useContext, useLayoutEffect, useRef, type ReactNode} from 'react';
import {parseKey, splitKeys} from './split-keys.js';

/** One key (or one pasted run of text) as Ink read it: parsed, and as the terminal sent it. */
export type KeyEvent = {
	readonly input: string;
	readonly key: Key;
	/** The bytes as they came: what a text box applies. */
	readonly raw: string;
};

export type KeyListener = (event: KeyEvent) => void;

/**
 * How long a key waits for the screen to render what the key before it changed, when it changed
 * nothing (no render comes): about a frame.
 */
const renderWaitMs = 16;

const KeyInputContext = createContext<KeyInputHub | undefined>(undefined);

/**
 * The wizard's one key listener: Ink's input, subscribed once for the whole run, handed to the
 * listeners (useKeys, text boxes) subscribed at that moment. Listeners subscribe during the commit
 * that draws them, so a key typed as soon as a screen shows reaches it; with useInput of their own
 * they would subscribe only once React runs its passive effects, which can come after that key.
 *
 * Keys that arrive together (typed fast, pasted, sent by a script: an arrow and enter in one read)
 * are handed on one at a time, each once the screen has rendered what the key before it changed:
 * enter opens the row the arrow moved to, and a key after one that changed the screen goes to the
 * new screen, never to the one it replaced.
 */
export function KeyInputProvider({children}: {readonly children: ReactNode}) {
	const hub = useRef<KeyInputHub>(undefined);
	hub.current ??= new KeyInputHub();
	const {internal_eventEmitter: events} = useStdin();
	// Ink emits each key once; useInput hears it parsed, this listener as it came.
	useLayoutEffect(() => {
		const onRaw = (raw: string) => {
			hub.current!.arrived({raw});
		};

		events.on('input', onRaw);
		return () => {
			events.off('input', onRaw);
		};
	}, [events]);
	const onParsed = useCallback((input: string, key: Key) => {
		hub.current!.arrived({input, key});
	}, []);
	useInput(onParsed);
	return <KeyInputContext.Provider value={hub.current}>{children}</KeyInputContext.Provider>;
}

/** Hears every key while `isActive`, from the commit that draws the component; the listener of the latest render is called. */
export function useKeyListener(listener: KeyListener, isActive: boolean): void {
	const hub = useContext(KeyInputContext);
	if (!hub) {
		throw new Error('a key listener needs a <KeyInputProvider> above it');
	}

	const latest = useRef(listener);
	latest.current = listener;
	useLayoutEffect(() => {
		if (!isActive) {
			return;
		}

		return hub.subscribe(event => {
			latest.current(event);
		});
	}, [hub, isActive]);

	// After every render: the key waiting for it goes on.
	useLayoutEffect(() => {
		hub.rendered();
	});
}

class KeyInputHub {
	private readonly listeners = new Set<KeyListener>();
	private readonly events: KeyEvent[] = [];
	/** Half of the key being emitted: its raw bytes or its parse, whichever Ink handed over first. */
	private half: Partial<KeyEvent> | undefined;
	/** A key was handed on and the render it may cause has not been seen yet. */
	private waiting = false;
	/** A render was seen: the next key goes on at the next turn of the event loop. */
	private rendering = false;
	private timer?: NodeJS.Timeout;

	subscribe(listener: KeyListener): () => void {
		this.listeners.add(listener);
		return () => {
			this.listeners.delete(listener);
		};
	}

	arrived(part: Partial<KeyEvent>): void {
		const event = {...this.half, ...part};
		if (event.raw === undefined || event.key === undefined) {
			this.half = event;
			return;
		}

		this.half = undefined;
		const keys = splitKeys(event.raw);
		if (keys) {
			this.events.push(...keys.map(raw => ({...parseKey(raw), raw})));
		} else {
			this.events.push({input: event.input ?? '', key: event.key, raw: event.raw});
		}

		if (!this.waiting) {
			this.handleNext();
		}
	}

	rendered(): void {
		if (this.waiting && !this.rendering) {
			// Not within the commit that called this: the next key's updates start a render of their own.
			this.rendering = true;
			clearTimeout(this.timer);
			this.timer = setTimeout(() => {
				this.handleNext();
			}, 0);
		}
	}

	private handleNext(): void {
		clearTimeout(this.timer);
		this.rendering = false;
		const next = this.events.shift();
		this.waiting = next !== undefined;
		if (!next) {
			return;
		}

		this.timer = setTimeout(() => {
			this.handleNext();
		}, renderWaitMs);
		// The listeners of this moment: one subscribed by the render of a key before hears this one.
		for (const listener of [...this.listeners]) {
			listener(next);
		}
	}
}
