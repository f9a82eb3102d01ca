import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import type { Actor } from '../auth/roles.js';
import { COMPOSITION_DIMENSIONS } from '../engine/composition/compute-composition.js';
import { Simulation, StartSimulationInput } from './graphql/simulation.type.js';
import { SimulationEntity } from './simulation.entity.js';
import { SimulationsService } from './simulations.service.js';

/** Charts: every series with a target band, and every dimension's first category otherwise. */
function chartSeries(result: ReturnType<typeof SimulationsService.results>[number]): { seriesId: string; title: string }[] {
  const banded = result.summary.bands.map((b) => ({ seriesId: b.seriesId, title: `${b.label} in ${result.complexCode}` }));
  const seen = new Set(banded.map((b) => b.seriesId));
  const dimensions = COMPOSITION_DIMENSIONS.filter((d) => !result.summary.bands.some((b) => b.dimension === d));
  const others = dimensions
    .flatMap((d) => [...new Set(result.summary.series.filter((s) => s.dimension === d).map((s) => s.seriesId))].slice(0, 1))
    .filter((id) => !seen.has(id))
    .map((id) => ({ seriesId: id, title: `${id.replace(':', ' ')} in ${result.complexCode}` }));
  return [...banded.filter((b, i) => banded.findIndex((x) => x.seriesId === b.seriesId) === i), ...others];
}

@Resolver(() => Simulation)
export class SimulationsResolver {
  constructor(private readonly simulationService: SimulationsService) {}

  private view(sim: SimulationEntity): Simulation {
    return {
      id: String(sim.id),
      status: sim.status,
      attempts: sim.attempts,
      progress: sim.progress,
      error: sim.error,
      request: JSON.stringify(sim.request),
      results: SimulationsService.results(sim).map((r) => ({
        complexId: String(r.complexId),
        complexCode: r.complexCode,
        years: r.summary.years,
        runs: r.summary.runs,
        bands: r.summary.bands,
        prices: r.summary.prices.map((p) => ({
          ...p,
          offersPerAllocation: p.offersPerAllocation ?? 1, // results stored before declines were modelled: every offer was accepted
          daebTargetGroupShareBasisPoints: p.quotaShareBasisPoints.daebInTargetGroup ?? 0,
          passendWithinCapShareBasisPoints: p.quotaShareBasisPoints.passendWithinCap ?? 0,
        })),
        sources: JSON.stringify(r.sources),
        inputHash: r.inputHash,
        csv: SimulationsService.csv(r),
        charts: chartSeries(r).map((c) => ({ ...c, url: this.simulationService.chartUrl(sim.id, r.complexCode, c.seriesId) })),
      })),
    };
  }

  @Roles('MANAGER')
  @Mutation(() => Simulation, {
    complexity: 200,
    description: 'Queue a simulation of complexes over the years: plain order against one or two composition policies',
  })
  async startSimulation(@Args('input') input: StartSimulationInput, @CurrentActor() actor: Actor) {
    return this.view(await this.simulationService.start(input, actor));
  }

  @Roles('MANAGER', 'AUDITOR')
  @Query(() => Simulation)
  async simulation(@Args('id', { type: () => ID }) id: string) {
    return this.view(await this.simulationService.get(id));
  }

  @Roles('MANAGER')
  @Mutation(() => Simulation, { description: 'Cancel a queued or running simulation; its worker threads are stopped' })
  async cancelSimulation(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor) {
    return this.view(await this.simulationService.cancel(id, actor));
  }
}
