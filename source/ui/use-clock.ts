import {useEffect, useState} from 'react';

/** The runtime's clock, read again every second while `isActive`: for text that says how long ago. */
export function useClock(now: () => number, isActive: boolean): number {
	const [time, setTime] = useState(now);
	useEffect(() => {
		if (!isActive) {
			return undefined;
		}

		setTime(now());
		const timer = setInterval(() => {
			setTime(now());
		}, 1000);
		return () => {
			clearInterval(timer);
		};
	}, [now, isActive]);
	return time;
}
