import {planStep, type StepPlan} from '../step-plans/step-plan.js';
import type {FixState} from './fix-state.js';

export function stepPlanAt(state: FixState, index: number): StepPlan {
	return planStep(state.playbook, state.playbook.steps[index]!, index, state.values, state.compose);
}

/** The step on screen, filled with the values known so far; undefined after the last step. */
export function currentStepPlan(state: FixState): StepPlan | undefined {
	return state.stepIndex < state.playbook.steps.length ? stepPlanAt(state, state.stepIndex) : undefined;
}
