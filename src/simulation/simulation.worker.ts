/** Piscina worker: a slice of a simulation's runs, off the event loop (README, "Simulation for managers"). */
import { RunOutcome, SimulationInput, simulateRuns } from '../engine/simulation/simulate.js';

export interface SimulationTask {
  input: SimulationInput;
  firstRun: number;
  count: number;
}

export function simulateInWorker(task: SimulationTask): Promise<RunOutcome[][]> {
  return simulateRuns(task.input, task.firstRun, task.count);
}
